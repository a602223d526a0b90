// The print preview (#/plans/{id}/preview): the plan laid out as the official document of
// Nghị định 30/2020/NĐ-CP — two-column header, "Số: …", national motto, place and date in
// italics, "KẾ HOẠCH", trích yếu, bases in italics, the numbered body, signer and Nơi nhận.
// Print CSS (A4, margins 20/20/30/15 mm, Times New Roman) lives in styles.css under .doc.
import { useEffect, useState } from 'preact/hooks';
import { api, type Activity, type Plan } from '../api';
import { errorText, Loading, Notice, useTitle } from '../components/common';
import { formatDate } from '../format';
import { t } from '../i18n';
import { href } from '../router';

/** "Tam Đường, ngày 05 tháng 11 năm 2026" (the day and month below 10 with a leading 0, as NĐ 30 asks for days 1-9 and months 1-2). */
function placeAndDate(place: string, iso: string | null): string {
  const where = place || '……';
  if (!iso) return `${where}, ngày …… tháng …… năm ……`;
  const [y, m, d] = iso.split('-');
  const month = Number(m) <= 2 ? m : String(Number(m));
  return `${where}, ngày ${d} tháng ${month} năm ${y}`;
}

const COMPARATOR: Record<string, string> = { '>=': 'đạt ít nhất', '<=': 'không quá', '=': 'đạt' };

function roman(n: number): string {
  return ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'][n - 1] ?? String(n);
}

export function PlanPreview({ id }: { id: string }) {
  const [plan, setPlan] = useState<Plan | null>(null);
  const [activities, setActivities] = useState<Activity[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useTitle(plan ? t('plans.previewOf', { number: plan.number_symbol }) : t('plans.preview'));
  useEffect(() => {
    Promise.all([api.plan(id), api.activities(id)])
      .then(([p, a]) => {
        setPlan(p);
        setActivities(a.items);
      })
      .catch(setError);
  }, [id]);
  if (error) return <Notice kind="error">{errorText(error)}</Notice>;
  if (!plan || !activities) return <Loading />;

  const issuer = (plan.unit_name ?? '').toUpperCase();
  const key = activities.filter((a) => a.section === 'key');
  const tasks = activities.filter((a) => a.section !== 'key');
  const signer = plan.signer ?? { on_behalf_of: '', authority: '', title: '', name: '' };
  let part = 0;
  return (
    <section class="page plan-preview">
      <p class="toolbar no-print">
        <a href={href(['plans', plan.id])}>{t('plans.backToPlan')}</a>{' '}
        <a class="button button--small" href={`/api/v1/plans/${encodeURIComponent(plan.id)}/document.docx`} download>
          {t('plans.downloadWord')}
        </a>{' '}
        <a class="button button--small" href={`/api/v1/plans/${encodeURIComponent(plan.id)}/document.pdf`} download>
          {t('plans.downloadPdf')}
        </a>{' '}
        <button type="button" class="button button--small" onClick={() => window.print()}>
          {t('plans.print')}
        </button>
      </p>
      <article class="doc" data-doc>
        <table class="doc__header" role="presentation">
          <tbody>
            <tr>
              <td class="doc__issuer">
                <strong>{issuer}</strong>
                <hr class="doc__rule doc__rule--short" />
                <p>Số: {plan.number ? plan.number_symbol : '\u00a0\u00a0\u00a0\u00a0\u00a0/' + plan.symbol}</p>
              </td>
              <td class="doc__motto">
                <strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>
                <br />
                <strong class="doc__motto-line">Độc lập - Tự do - Hạnh phúc</strong>
                <hr class="doc__rule" />
                <p>
                  <em data-doc-date>{placeAndDate(plan.place, plan.issued_on)}</em>
                </p>
              </td>
            </tr>
          </tbody>
        </table>
        <h1 class="doc__kind">KẾ HOẠCH</h1>
        <p class="doc__title">
          <strong>{plan.title}</strong>
        </p>
        <hr class="doc__rule doc__rule--short" />
        {(plan.bases ?? []).map((b) => (
          <p class="doc__basis">
            <em>
              Căn cứ {b.document}
              {b.date ? ' ngày ' + formatDate(b.date) : ''}
              {b.issuer ? ' của ' + b.issuer : ''}
              {b.title ? ' ' + b.title : ''};
            </em>
          </p>
        ))}
        {plan.preamble && <p>{plan.preamble}</p>}
        {((plan.purposes ?? []).length > 0 || (plan.requirements ?? []).length > 0) && (
          <>
            <h2>{roman(++part)}. MỤC ĐÍCH, YÊU CẦU</h2>
            {(plan.purposes ?? []).length > 0 && <h3>1. Mục đích</h3>}
            {(plan.purposes ?? []).map((x) => <p>- {x}</p>)}
            {(plan.requirements ?? []).length > 0 && <h3>2. Yêu cầu</h3>}
            {(plan.requirements ?? []).map((x) => <p>- {x}</p>)}
          </>
        )}
        <h2>{roman(++part)}. NỘI DUNG</h2>
        {plan.theme && <p>Chủ đề: {plan.theme}</p>}
        {(plan.targets ?? []).map((tg) => (
          <p>- {tg.text}: {tg.values.map((v) => `năm ${v.year} ${COMPARATOR[v.comparator] ?? v.comparator} ${v.value.toLocaleString('vi-VN', { maximumFractionDigits: 6 })}${tg.unit === '%' || !tg.unit ? tg.unit : ' ' + tg.unit}`).join('; ')}</p>
        ))}
        {(plan.message_groups ?? []).map((g) => (
          <>
            {g.title && <h3>{g.title}</h3>}
            {g.messages.map((m) => <p>- {m}</p>)}
          </>
        ))}
        {key.length > 0 && <h3>Các hoạt động trọng tâm</h3>}
        {key.map((a, i) => (
          <p>
            {i + 1}. {a.title}
            {a.due_date ? ' (hạn ' + formatDate(a.due_date) + ')' : ''}
          </p>
        ))}
        {((plan.budget_sources ?? []).length > 0 || plan.budget_note) && (
          <>
            <h2>{roman(++part)}. KINH PHÍ THỰC HIỆN</h2>
            {(plan.budget_sources ?? []).map((b) => <p>- {b.text}</p>)}
            {plan.budget_note && <p>{plan.budget_note}</p>}
          </>
        )}
        <h2>{roman(++part)}. TỔ CHỨC THỰC HIỆN</h2>
        {tasks.map((a, i) => (
          <>
            <h3>
              {i + 1}. {a.lead_unit_name ?? a.title}
            </h3>
            <p>
              - {a.title}
              {a.support_unit_names.length ? ' Phối hợp: ' + a.support_unit_names.filter(Boolean).join(', ') + '.' : ''}
              {a.due_date ? ' Thời gian: ' + formatDate(a.due_date) + '.' : ''}
            </p>
            {a.details.map((d) => <p>+ {d}</p>)}
          </>
        ))}
        {(plan.reporting ?? []).map((r) => (
          <p>- Báo cáo gửi {r.to_unit_name ?? plan.unit_name} trước ngày {formatDate(r.due_date)}{r.note ? ' (' + r.note + ')' : ''}.</p>
        ))}
        {plan.closing && <p>{plan.closing}</p>}
        <table class="doc__footer" role="presentation">
          <tbody>
            <tr>
              <td class="doc__recipients">
                <p>
                  <strong>
                    <em>Nơi nhận:</em>
                  </strong>
                </p>
                {(plan.recipients ?? []).map((r) => (
                  <p>
                    - {r.name}
                    {r.note ? ' (' + r.note + ')' : ''};
                  </p>
                ))}
              </td>
              <td class="doc__signer" data-doc-signer>
                {signer.on_behalf_of && <strong>TM. {signer.on_behalf_of.toUpperCase()}</strong>}
                {signer.authority && (
                  <>
                    <br />
                    <strong>KT. {signer.authority.toUpperCase()}</strong>
                  </>
                )}
                {signer.title && (
                  <>
                    <br />
                    <strong>{signer.title.toUpperCase()}</strong>
                  </>
                )}
                <p class="doc__signature-space" />
                <strong>{signer.name}</strong>
              </td>
            </tr>
          </tbody>
        </table>
      </article>
    </section>
  );
}
