// Every string of the interface, Vietnamese first, English second. `t(key, params)` fills
// "{name}" placeholders. The chosen language persists in localStorage and is also sent to the
// API (Accept-Language) so server messages match it.
import { useEffect, useState } from 'preact/hooks';

const vi = {
  'app.name': 'binhdang — Bình đẳng giới',
  'app.skip': 'Bỏ qua, đến nội dung chính',
  'app.loading': 'Đang tải binhdang…',

  'nav.label': 'Điều hướng chính',
  'nav.menu': 'Menu',
  'nav.dashboard': 'Tổng quan',
  'nav.plans': 'Kế hoạch',
  'nav.tasks': 'Việc cần làm',
  'nav.reports': 'Báo cáo',
  'nav.units': 'Đơn vị',
  'nav.users': 'Người dùng',
  'nav.audit': 'Nhật ký',

  'header.account': 'Tài khoản',
  'header.logout': 'Đăng xuất',
  'header.language': 'Ngôn ngữ',

  'login.title': 'Đăng nhập',
  'login.intro':
    'Hệ thống quản lý công tác bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới của chính quyền địa phương.',
  'login.username': 'Tên đăng nhập',
  'login.password': 'Mật khẩu',
  'login.submit': 'Đăng nhập',
  'login.submitting': 'Đang đăng nhập…',
  'login.required': 'Vui lòng nhập tên đăng nhập và mật khẩu.',
  'login.locked': 'Tài khoản đang bị khoá đến {time}.',
  'login.lockedTitle': 'Tài khoản bị khoá',
  'login.loggedOut': 'Bạn đã đăng xuất.',
  'login.sessionEnded': 'Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.',

  'common.loading': 'Đang tải…',
  'common.loadMore': 'Xem thêm',
  'common.save': 'Lưu',
  'common.saving': 'Đang lưu…',
  'common.cancel': 'Huỷ',
  'common.edit': 'Sửa',
  'common.close': 'Đóng',
  'common.search': 'Tìm',
  'common.retry': 'Thử lại',
  'common.required': 'bắt buộc',
  'common.networkError': 'Không kết nối được máy chủ. Vui lòng thử lại.',
  'common.fixFields': 'Vui lòng kiểm tra các trường được đánh dấu.',
  'common.reloaded': 'Đã tải lại dữ liệu mới nhất; vui lòng kiểm tra và lưu lại.',
  'common.forbidden': 'Bạn không có quyền truy cập trang này.',
  'common.notFound': 'Không tìm thấy trang này.',
  'common.yes': 'Có',
  'common.no': 'Không',
  'common.dash': '—',

  'wip.title': 'Đang xây dựng',
  'wip.text': 'Phân hệ “{module}” đang được xây dựng và sẽ có trong phiên bản sau.',
  'wip.plans': 'Lập, ban hành và theo dõi kế hoạch của đơn vị, kế hoạch cấp dưới triển khai từ kế hoạch cấp trên.',
  'wip.tasks': 'Các hoạt động được giao cho đơn vị bạn, hạn hoàn thành và tiến độ.',
  'wip.reports': 'Báo cáo định kỳ theo biểu mẫu, tổng hợp số liệu từ cấp dưới, theo dõi đơn vị nộp đúng hạn.',

  'dash.title': 'Tổng quan',
  'dash.welcome': 'Xin chào, {name}',
  'dash.soon':
    'Bảng tổng quan về tiến độ kế hoạch, tình hình nộp báo cáo và kết quả so với chỉ tiêu sẽ có trong phiên bản sau.',
  'dash.unit': 'Đơn vị',
  'dash.roles': 'Vai trò',
  'dash.lastLogin': 'Đăng nhập lần cuối',
  'dash.shortcuts': 'Truy cập nhanh',
  'dash.goUnits': 'Tra cứu đơn vị hành chính và cơ quan',
  'dash.goUsers': 'Quản lý người dùng',
  'dash.goAudit': 'Xem nhật ký hệ thống',

  'kind.country': 'Quốc gia',
  'kind.province': 'Tỉnh/thành phố',
  'kind.district': 'Huyện/quận',
  'kind.commune': 'Xã/phường',
  'kind.agency': 'Cơ quan',

  'units.title': 'Đơn vị',
  'units.search': 'Tìm đơn vị',
  'units.searchHint': 'Tên hoặc mã, gõ có dấu hoặc không dấu (ví dụ: ha tinh).',
  'units.at': 'Tại ngày',
  'units.atToday': 'Hiện tại',
  'units.atBefore': 'Trước 01/07/2025',
  'units.atShowing': 'Đang xem đơn vị có hiệu lực ngày {date}.',
  'units.badDate': 'Nhập ngày dạng dd/mm/yyyy.',
  'units.tree': 'Cây đơn vị',
  'units.results': 'Kết quả tìm kiếm',
  'units.resultCount': '{count} kết quả',
  'units.noResults': 'Không tìm thấy đơn vị nào.',
  'units.expand': 'Mở rộng {name}',
  'units.collapse': 'Thu gọn {name}',
  'units.empty': 'Không có đơn vị trực thuộc.',
  'units.selectHint': 'Chọn một đơn vị trong cây hoặc kết quả tìm kiếm để xem chi tiết.',
  'units.detail': 'Chi tiết đơn vị',
  'units.breadcrumb': 'Đơn vị cấp trên',
  'units.code': 'Mã',
  'units.kind': 'Loại',
  'units.agencyType': 'Loại cơ quan',
  'units.validity': 'Hiệu lực',
  'units.validFromTo': '{from} – {to}',
  'units.validFrom': 'Từ {date}',
  'units.validTo': 'Đến {date}',
  'units.validAlways': 'Không giới hạn',
  'units.childCount': 'Số đơn vị trực thuộc',
  'units.lineage': 'Sắp xếp đơn vị hành chính năm 2025',
  'units.predecessors': 'Hình thành từ',
  'units.successors': 'Đã sắp xếp vào',
  'units.noLineage': 'Không có liên kết sắp xếp với đơn vị khác.',
  'units.full': 'toàn bộ',
  'units.partial': 'một phần',
  'units.agencies': 'Cơ quan, ban, ngành, đoàn thể',
  'units.noAgencies': 'Chưa có cơ quan nào trực thuộc.',
  'units.addAgency': 'Thêm cơ quan',
  'units.agencyName': 'Tên cơ quan',
  'units.agencyCode': 'Mã cơ quan (không bắt buộc)',
  'units.chooseType': '— Chọn loại cơ quan —',
  'units.agencyCreated': 'Đã thêm cơ quan “{name}”.',
  'units.editAgency': 'Sửa thông tin cơ quan',
  'units.saved': 'Đã lưu thay đổi.',
  'units.notFound': 'Không tìm thấy đơn vị.',
  'units.notValidAt': 'Đơn vị này không có hiệu lực vào ngày {date} ({validity}).',
  'units.treeHint': 'Phím mũi tên: ↑/↓ chuyển dòng, → mở rộng, ← thu gọn.',

  'picker.placeholder': 'Gõ tên hoặc mã để tìm…',
  'picker.clear': 'Bỏ chọn',
  'picker.includeOld': 'Gồm cả đơn vị trước 01/07/2025',
  'picker.selected': 'Đã chọn',
  'picker.noResults': 'Không tìm thấy đơn vị nào.',
  'picker.searching': 'Đang tìm…',

  'role.admin': 'Quản trị hệ thống',
  'role.unit_admin': 'Quản trị đơn vị',
  'role.planner': 'Lập kế hoạch',
  'role.reporter': 'Báo cáo',
  'role.reviewer': 'Duyệt',
  'role.viewer': 'Xem',
  'role.case_worker': 'Quản lý ca',
  'role.case_supervisor': 'Giám sát ca',

  'users.title': 'Người dùng',
  'users.search': 'Tìm theo tên',
  'users.unitFilter': 'Lọc theo đơn vị',
  'users.filter': 'Lọc',
  'users.new': 'Tạo người dùng',
  'users.createTitle': 'Tạo người dùng mới',
  'users.editTitle': 'Sửa người dùng {name}',
  'users.username': 'Tên đăng nhập',
  'users.fullName': 'Họ và tên',
  'users.password': 'Mật khẩu',
  'users.resetPassword': 'Mật khẩu mới (để trống nếu không đổi)',
  'users.unit': 'Đơn vị',
  'users.roles': 'Vai trò',
  'users.active': 'Đang hoạt động',
  'users.status': 'Trạng thái',
  'users.statusActive': 'Hoạt động',
  'users.statusInactive': 'Ngừng hoạt động',
  'users.lastLogin': 'Đăng nhập lần cuối',
  'users.never': 'Chưa đăng nhập',
  'users.none': 'Không có người dùng nào.',
  'users.created': 'Đã tạo người dùng {name}.',
  'users.updated': 'Đã cập nhật người dùng {name}.',
  'users.actions': 'Thao tác',
  'users.editOne': 'Sửa {name}',
  'users.forbidden': 'Bạn không có quyền quản lý người dùng.',
  'users.pickUnit': 'Gõ tên đơn vị rồi chọn một đơn vị trong danh sách gợi ý.',

  'audit.title': 'Nhật ký hệ thống',
  'audit.intro': 'Mọi thao tác ghi dữ liệu, mới nhất ở trên.',
  'audit.time': 'Thời gian',
  'audit.user': 'Người thực hiện',
  'audit.action': 'Hành động',
  'audit.object': 'Đối tượng',
  'audit.outcome': 'Kết quả',
  'audit.address': 'Địa chỉ',
  'audit.detail': 'Chi tiết',
  'audit.none': 'Chưa có bản ghi nào.',
  'audit.actionFilter': 'Lọc theo hành động',
  'audit.filter': 'Lọc',
  'audit.anonymous': '(chưa đăng nhập)',
  'audit.system': '(hệ thống)',
  'audit.forbidden': 'Chỉ quản trị hệ thống được xem nhật ký.',
};

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  'app.name': 'binhdang — Bình đẳng giới',
  'app.skip': 'Skip to main content',
  'app.loading': 'Loading binhdang…',

  'nav.label': 'Main navigation',
  'nav.menu': 'Menu',
  'nav.dashboard': 'Overview',
  'nav.plans': 'Plans',
  'nav.tasks': 'Tasks',
  'nav.reports': 'Reports',
  'nav.units': 'Units',
  'nav.users': 'Users',
  'nav.audit': 'Audit log',

  'header.account': 'Account',
  'header.logout': 'Log out',
  'header.language': 'Language',

  'login.title': 'Sign in',
  'login.intro':
    'The local government system for gender equality work and for preventing and responding to gender-based violence.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.required': 'Please enter your username and password.',
  'login.locked': 'The account is locked until {time}.',
  'login.lockedTitle': 'Account locked',
  'login.loggedOut': 'You have signed out.',
  'login.sessionEnded': 'Your session has ended. Please sign in again.',

  'common.loading': 'Loading…',
  'common.loadMore': 'Load more',
  'common.save': 'Save',
  'common.saving': 'Saving…',
  'common.cancel': 'Cancel',
  'common.edit': 'Edit',
  'common.close': 'Close',
  'common.search': 'Search',
  'common.retry': 'Try again',
  'common.required': 'required',
  'common.networkError': 'Cannot reach the server. Please try again.',
  'common.fixFields': 'Please check the marked fields.',
  'common.reloaded': 'The latest data has been reloaded; please check it and save again.',
  'common.forbidden': 'You are not allowed to open this page.',
  'common.notFound': 'Page not found.',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.dash': '—',

  'wip.title': 'Under construction',
  'wip.text': 'The “{module}” module is being built and will come in a later version.',
  'wip.plans': 'Write, issue and follow your unit’s plans, and lower levels’ plans derived from them.',
  'wip.tasks': 'Activities assigned to your unit, their due dates and progress.',
  'wip.reports': 'Periodic reports on templates, consolidation of lower levels’ figures, who reported on time.',

  'dash.title': 'Overview',
  'dash.welcome': 'Hello, {name}',
  'dash.soon': 'A dashboard of plan progress, report submissions and results against targets will come in a later version.',
  'dash.unit': 'Unit',
  'dash.roles': 'Roles',
  'dash.lastLogin': 'Last sign-in',
  'dash.shortcuts': 'Shortcuts',
  'dash.goUnits': 'Browse administrative units and agencies',
  'dash.goUsers': 'Manage users',
  'dash.goAudit': 'View the audit log',

  'kind.country': 'Country',
  'kind.province': 'Province',
  'kind.district': 'District',
  'kind.commune': 'Commune',
  'kind.agency': 'Agency',

  'units.title': 'Units',
  'units.search': 'Find a unit',
  'units.searchHint': 'Name or code, with or without diacritics (e.g. ha tinh).',
  'units.at': 'As of',
  'units.atToday': 'Current',
  'units.atBefore': 'Before 01/07/2025',
  'units.atShowing': 'Showing units valid on {date}.',
  'units.badDate': 'Enter the date as dd/mm/yyyy.',
  'units.tree': 'Unit tree',
  'units.results': 'Search results',
  'units.resultCount': '{count} results',
  'units.noResults': 'No units found.',
  'units.expand': 'Expand {name}',
  'units.collapse': 'Collapse {name}',
  'units.empty': 'No sub-units.',
  'units.selectHint': 'Choose a unit in the tree or the search results to see its details.',
  'units.detail': 'Unit details',
  'units.breadcrumb': 'Parent units',
  'units.code': 'Code',
  'units.kind': 'Kind',
  'units.agencyType': 'Agency type',
  'units.validity': 'Valid',
  'units.validFromTo': '{from} – {to}',
  'units.validFrom': 'From {date}',
  'units.validTo': 'Until {date}',
  'units.validAlways': 'No limit',
  'units.childCount': 'Direct sub-units',
  'units.lineage': '2025 reorganisation of administrative units',
  'units.predecessors': 'Formed from',
  'units.successors': 'Became part of',
  'units.noLineage': 'No reorganisation links to other units.',
  'units.full': 'whole',
  'units.partial': 'part',
  'units.agencies': 'Agencies, departments and organisations',
  'units.noAgencies': 'No agencies yet.',
  'units.addAgency': 'Add agency',
  'units.agencyName': 'Agency name',
  'units.agencyCode': 'Agency code (optional)',
  'units.chooseType': '— Choose an agency type —',
  'units.agencyCreated': 'Agency “{name}” added.',
  'units.editAgency': 'Edit agency',
  'units.saved': 'Changes saved.',
  'units.notFound': 'Unit not found.',
  'units.notValidAt': 'This unit is not valid on {date} ({validity}).',
  'units.treeHint': 'Arrow keys: ↑/↓ move, → expand, ← collapse.',

  'picker.placeholder': 'Type a name or code…',
  'picker.clear': 'Clear',
  'picker.includeOld': 'Include units before 01/07/2025',
  'picker.selected': 'Selected',
  'picker.noResults': 'No units found.',
  'picker.searching': 'Searching…',

  'role.admin': 'System administrator',
  'role.unit_admin': 'Unit administrator',
  'role.planner': 'Planner',
  'role.reporter': 'Reporter',
  'role.reviewer': 'Reviewer',
  'role.viewer': 'Viewer',
  'role.case_worker': 'Case worker',
  'role.case_supervisor': 'Case supervisor',

  'users.title': 'Users',
  'users.search': 'Search by name',
  'users.unitFilter': 'Filter by unit',
  'users.filter': 'Filter',
  'users.new': 'New user',
  'users.createTitle': 'Create a user',
  'users.editTitle': 'Edit user {name}',
  'users.username': 'Username',
  'users.fullName': 'Full name',
  'users.password': 'Password',
  'users.resetPassword': 'New password (leave empty to keep)',
  'users.unit': 'Unit',
  'users.roles': 'Roles',
  'users.active': 'Active',
  'users.status': 'Status',
  'users.statusActive': 'Active',
  'users.statusInactive': 'Inactive',
  'users.lastLogin': 'Last sign-in',
  'users.never': 'Never',
  'users.none': 'No users.',
  'users.created': 'User {name} created.',
  'users.updated': 'User {name} updated.',
  'users.actions': 'Actions',
  'users.editOne': 'Edit {name}',
  'users.forbidden': 'You are not allowed to manage users.',
  'users.pickUnit': 'Type a unit’s name and choose one from the suggestions.',

  'audit.title': 'Audit log',
  'audit.intro': 'Every write, newest first.',
  'audit.time': 'Time',
  'audit.user': 'User',
  'audit.action': 'Action',
  'audit.object': 'Object',
  'audit.outcome': 'Outcome',
  'audit.address': 'Address',
  'audit.detail': 'Detail',
  'audit.none': 'No entries yet.',
  'audit.actionFilter': 'Filter by action',
  'audit.filter': 'Filter',
  'audit.anonymous': '(not signed in)',
  'audit.system': '(system)',
  'audit.forbidden': 'Only system administrators can view the audit log.',
};

export type Lang = 'vi' | 'en';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { vi, en };
const STORAGE_KEY = 'binhdang.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

let lang: Lang = initialLang();
const listeners = new Set<(l: Lang) => void>();

export function getLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  if (next === lang) return;
  lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = next;
  listeners.forEach((l) => l(next));
}

/** Re-renders the calling component when the language changes; returns the current one. */
export function useLang(): Lang {
  const [current, setCurrent] = useState(lang);
  useEffect(() => {
    listeners.add(setCurrent);
    setCurrent(lang);
    return () => {
      listeners.delete(setCurrent);
    };
  }, []);
  return current;
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  let s = dictionaries[lang][key] ?? key;
  if (params) s = s.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  return s;
}
