// Choose a unit by typing part of its name or code (a combobox over GET /units?q=). Arrow keys
// move through the results, Enter picks one, Escape closes the list.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Unit } from '../api';
import { t } from '../i18n';
import { kindLabel, validityText } from '../units-format';

export interface PickedUnit {
  id: string;
  name: string;
}

interface Props {
  id: string;
  label: string;
  value: PickedUnit | null;
  onChange: (u: PickedUnit | null) => void;
  required?: boolean;
  error?: string;
  hint?: string;
}

export function UnitPicker({ id, label, value, onChange, required, error, hint }: Props) {
  const [text, setText] = useState(value?.name ?? '');
  const [results, setResults] = useState<Unit[] | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [includeOld, setIncludeOld] = useState(false);
  const [searching, setSearching] = useState(false);
  const seq = useRef(0);
  const blurTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const listId = id + '-list';

  const cancelClose = () => {
    if (blurTimer.current) clearTimeout(blurTimer.current);
    blurTimer.current = null;
  };
  useEffect(() => cancelClose, []);

  useEffect(() => {
    setText(value?.name ?? '');
  }, [value?.id, value?.name]);

  const search = (q: string, old: boolean) => {
    const mine = ++seq.current;
    if (!q.trim()) {
      setResults(null);
      setOpen(false);
      setSearching(false);
      return;
    }
    setSearching(true);
    setOpen(true);
    setTimeout(() => {
      if (mine !== seq.current) return;
      api
        .units({ q: q.trim(), at: old ? 'any' : undefined, limit: 12 })
        .then((p) => {
          if (mine !== seq.current) return;
          setResults(p.items);
          setActive(p.items.length ? 0 : -1);
        })
        .catch(() => mine === seq.current && setResults([]))
        .finally(() => mine === seq.current && setSearching(false));
    }, 200);
  };

  const pick = (u: Unit) => {
    const picked = { id: u.id, name: u.full_name || u.name };
    onChange(picked);
    setText(picked.name);
    setOpen(false);
    setResults(null);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const n = results?.length ?? 0;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open && text.trim()) search(text, includeOld);
      else if (n) setActive((a) => (a + 1) % n);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (n) setActive((a) => (a <= 0 ? n - 1 : a - 1));
    } else if (e.key === 'Enter') {
      if (open && results && active >= 0 && active < n) {
        e.preventDefault();
        pick(results[active]);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
      }
    }
  };

  const describedBy = [hint ? id + '-hint' : '', error ? id + '-error' : '', value ? id + '-selected' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <div class={'field unit-picker' + (error ? ' field--error' : '')}>
      <label for={id}>
        {label}
        {required && <span class="field__required"> ({t('common.required')})</span>}
      </label>
      {hint && (
        <p class="field__hint" id={id + '-hint'}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={id + '-error'} data-field-error>
          {error}
        </p>
      )}
      <div class="unit-picker__box">
        <input
          id={id}
          type="text"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? `${id}-opt-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          placeholder={t('picker.placeholder')}
          value={text}
          onFocus={cancelClose}
          onInput={(e) => {
            cancelClose();
            const v = e.currentTarget.value;
            setText(v);
            if (value) onChange(null);
            search(v, includeOld);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            cancelClose();
            blurTimer.current = setTimeout(() => setOpen(false), 150);
          }}
        />
        {value && (
          <button
            type="button"
            class="button button--small"
            onClick={() => {
              onChange(null);
              setText('');
              document.getElementById(id)?.focus();
            }}
          >
            {t('picker.clear')}
          </button>
        )}
        <ul id={listId} role="listbox" aria-label={label} class="unit-picker__list" hidden={!open}>
          {searching && !results && <li class="unit-picker__note">{t('picker.searching')}</li>}
          {results && results.length === 0 && <li class="unit-picker__note">{t('picker.noResults')}</li>}
          {results?.map((u, i) => (
            <li
              key={u.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              class={'unit-picker__option' + (i === active ? ' is-active' : '')}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(u)}
            >
              <span class="unit-picker__name">{u.full_name || u.name}</span>
              <span class="unit-picker__meta">
                {kindLabel(u.kind)} · {u.code || t('common.dash')} · {validityText(u)}
              </span>
            </li>
          ))}
        </ul>
      </div>
      {value && (
        <p class="field__hint" id={id + '-selected'}>
          {t('picker.selected')}: <strong>{value.name}</strong>
        </p>
      )}
      <label class="checkbox checkbox--small">
        <input
          type="checkbox"
          checked={includeOld}
          onChange={(e) => {
            const old = e.currentTarget.checked;
            setIncludeOld(old);
            if (!value && text.trim()) search(text, old);
          }}
        />
        {t('picker.includeOld')}
      </label>
    </div>
  );
}
