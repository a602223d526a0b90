// Tells the unit tree and lists that a unit was created or changed elsewhere on the page, so
// they show the new name without reloading everything.
import type { Unit } from './api';

type Listener = (unit: Unit, created: boolean) => void;
const listeners = new Set<Listener>();

export function announceUnit(unit: Unit, created: boolean): void {
  listeners.forEach((l) => l(unit, created));
}

export function onUnitChange(l: Listener): () => void {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
}
