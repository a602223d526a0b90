// Applies an agency set (GET /agency-sets) to a unit, or to every unit of the set's kind within
// it, in one action (issue 13). Re-applying adds only what is missing; the server says how many.
import { useEffect, useState } from 'preact/hooks';
import { api, type AgencySet, type AgencySetOutcome, type Unit } from '../api';
import { errorText, Notice } from './common';
import { formatNumber } from '../format';
import { t } from '../i18n';
import { kindLabel } from '../units-format';

export function AgencySetControl({ unit, onApplied }: { unit: Unit; onApplied: () => void }) {
  const [sets, setSets] = useState<AgencySet[]>([]);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<AgencySetOutcome | null>(null);

  useEffect(() => {
    let live = true;
    api
      .agencySets()
      .then((r) => {
        if (!live) return;
        setSets(r.items);
        // The set meant for this very kind of unit first, as the likeliest choice.
        const own = r.items.find((s) => s.applies_to === unit.kind);
        setCode((own ?? r.items[0])?.code ?? '');
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [unit.id]);

  const set = sets.find((s) => s.code === code);
  const unitName = unit.full_name || unit.name;
  const apply = async () => {
    if (!set) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await api.applyAgencySet(unit.id, set.code));
      onApplied();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (sets.length === 0 && error == null) return null;
  return (
    <div class="subform agency-set" role="group" aria-labelledby="agency-set-title">
      <h4 id="agency-set-title">{t('agencySet.title')}</h4>
      <label for="agency-set-code">{t('agencySet.choose')}</label>
      <select id="agency-set-code" value={code} onChange={(e) => setCode(e.currentTarget.value)}>
        {sets.map((s) => (
          <option key={s.code} value={s.code}>
            {s.name}
          </option>
        ))}
      </select>
      {set && (
        <p class="muted small" id="agency-set-scope">
          {set.applies_to === unit.kind
            ? t('agencySet.scopeSelf', { unit: unitName, count: formatNumber(set.agencies.length) })
            : t('agencySet.scopeSubtree', {
                unit: unitName,
                kind: kindLabel(set.applies_to).toLocaleLowerCase('vi'),
                count: formatNumber(set.agencies.length),
              })}
        </p>
      )}
      <div class="form-actions">
        <button
          type="button"
          class="button button--primary button--small"
          disabled={busy || !set}
          aria-describedby="agency-set-scope"
          onClick={apply}
        >
          {busy ? t('agencySet.applying') : t('agencySet.apply')}
        </button>
      </div>
      {error != null && <Notice kind="error">{errorText(error)}</Notice>}
      {done && (
        <Notice kind="success">
          {t('agencySet.done', {
            units: formatNumber(done.units),
            added: formatNumber(done.added),
            present: formatNumber(done.present),
          })}
        </Notice>
      )}
    </div>
  );
}
