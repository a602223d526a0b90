// The signed-in user, shared with every page through a context, and the permission checks the
// interface uses to decide what to show (the server enforces them again).
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Unit, User } from './api';

export interface SessionContextValue {
  user: User;
  /** Replace the signed-in user (after the user edits themself, for example). */
  setUser: (user: User) => void;
  logout: () => void;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in page');
  return s;
}

export function isAdmin(user: User): boolean {
  return user.roles.includes('admin');
}

/** May open user management: administrators and unit administrators. */
export function canManageUsers(user: User): boolean {
  return user.roles.includes('admin') || user.roles.includes('unit_admin');
}

/** May add or edit agencies under `unit`: admins anywhere, unit admins inside their subtree. */
export function canManageUnit(user: User, unit: Unit, ancestors: Unit[]): boolean {
  if (isAdmin(user)) return true;
  if (!user.roles.includes('unit_admin')) return false;
  return unit.id === user.unit_id || ancestors.some((a) => a.id === user.unit_id);
}

/** Case workers and case supervisors: the only users who see GBV cases (need to know). */
export function isCaseStaff(user: User): boolean {
  return user.roles.includes('case_worker') || user.roles.includes('case_supervisor');
}

/** Case supervisors: approve closures, review referrals without consent, emergency access. */
export function isCaseSupervisor(user: User): boolean {
  return user.roles.includes('case_supervisor');
}

/** May add and edit providers of the service directory (the server checks the unit). */
export function canManageProviders(user: User): boolean {
  return user.roles.includes('admin') || user.roles.includes('unit_admin');
}
