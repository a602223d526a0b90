// "Quản lý danh bạ dịch vụ" (#/dich-vu/quan-ly): administrators (and unit administrators for
// their units) list, add and edit the providers of the public service directory. An edit sends
// every field (PATCH replaces the provider) with the version it read; the server's field
// errors show beside their fields. Labels come from /case-codes, never codes.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, request, type Page } from '../api';
import { describedBy, errorText, Field, fieldError, generalError, Loading, Notice, PageHeader, useTitle } from '../components/common';
import { UnitPicker, type PickedUnit } from '../components/unit-picker';
import { t } from '../i18n';

interface Code {
  code: string;
  label: string;
}
interface Codes {
  provider_types: Code[];
  service_kinds: Code[];
}
export interface Provider {
  id: string;
  name: string;
  type: string;
  type_label: string;
  unit_id: string | null;
  unit_name: string;
  services: Code[];
  phone: string;
  hours: string;
  free_of_charge: boolean;
  how_to_reach: string;
  street_address: string | null;
  address_protected: boolean;
  active: boolean;
  version: number;
}

interface Draft {
  name: string;
  type: string;
  unit: PickedUnit | null;
  services: string[];
  phone: string;
  hours: string;
  free_of_charge: boolean;
  how_to_reach: string;
  street_address: string;
  active: boolean;
}

const EMPTY: Draft = {
  name: '',
  type: '',
  unit: null,
  services: [],
  phone: '',
  hours: '',
  free_of_charge: false,
  how_to_reach: '',
  street_address: '',
  active: true,
};

const FIELDS = ['name', 'type', 'unit_id', 'services', 'phone', 'hours', 'free_of_charge', 'how_to_reach', 'street_address', 'active'];

function draftOf(p: Provider): Draft {
  return {
    name: p.name,
    type: p.type,
    unit: p.unit_id ? { id: p.unit_id, name: p.unit_name } : null,
    services: p.services.map((s) => s.code),
    phone: p.phone,
    hours: p.hours,
    free_of_charge: p.free_of_charge,
    how_to_reach: p.how_to_reach,
    street_address: p.street_address ?? '',
    active: p.active,
  };
}

export function ServicesAdminPage() {
  useTitle(t('dir.title'));
  const [codes, setCodes] = useState<Codes | null>(null);
  const [filter, setFilter] = useState<{ unit: PickedUnit | null; type: string; q: string }>({ unit: null, type: '', q: '' });
  const [items, setItems] = useState<Provider[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // null: no form; 'new': adding; a provider: editing it.
  const [editing, setEditing] = useState<Provider | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    request<Codes>('GET', '/case-codes').then(setCodes).catch(setError);
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => {
      request<Page<Provider>>('GET', '/services', { query: { unit: filter.unit?.id ?? '', type: filter.type, q: filter.q.trim(), limit: 100, inactive: '1' } })
        .then((p) => {
          setItems(p.items);
          setNext(p.next_cursor);
          setError(null);
        })
        .catch(setError);
    }, 200);
    return () => clearTimeout(timer);
  }, [filter.unit?.id, filter.type, filter.q, reload]);

  const more = () => {
    if (!next) return;
    request<Page<Provider>>('GET', '/services', { query: { unit: filter.unit?.id ?? '', type: filter.type, q: filter.q.trim(), limit: 100, inactive: '1', cursor: next } })
      .then((p) => {
        setItems([...(items ?? []), ...p.items]);
        setNext(p.next_cursor);
      })
      .catch(setError);
  };

  const saved = (p: Provider, added: boolean) => {
    setEditing(null);
    setNotice(t(added ? 'dir.added' : 'dir.saved', { name: p.name }) + (p.active ? '' : ' ' + t('dir.nowHidden')));
    setReload((n) => n + 1);
  };

  return (
    <section class="page" data-services-admin>
      <PageHeader title={t('dir.title')}>
        <button
          type="button"
          class="button button--primary"
          onClick={() => {
            setNotice(null);
            setEditing('new');
          }}
        >
          {t('dir.add')}
        </button>
      </PageHeader>
      <p class="muted">{t('dir.intro')}</p>
      {notice && <Notice kind="success">{notice}</Notice>}
      {editing && codes && (
        <ProviderForm key={editing === 'new' ? 'new' : editing.id} codes={codes} provider={editing === 'new' ? null : editing} onSaved={saved} onCancel={() => setEditing(null)} />
      )}
      <div class="panel">
        <h2>{t('dir.list')}</h2>
        <div class="form-grid" role="search">
          <UnitPicker id="dir-filter-unit" label={t('dir.filterUnit')} value={filter.unit} onChange={(u) => setFilter({ ...filter, unit: u })} />
          <div class="field">
            <label for="dir-filter-type">{t('dir.type')}</label>
            <select id="dir-filter-type" value={filter.type} onChange={(e) => setFilter({ ...filter, type: (e.target as HTMLSelectElement).value })}>
              <option value="">{t('dir.allTypes')}</option>
              {(codes?.provider_types ?? []).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="dir-filter-q">{t('dir.search')}</label>
            <input id="dir-filter-q" type="search" value={filter.q} maxLength={200} onInput={(e) => setFilter({ ...filter, q: (e.target as HTMLInputElement).value })} />
          </div>
        </div>
        {error != null && <Notice kind="error">{errorText(error)}</Notice>}
        {items === null && error == null && <Loading />}
        {items && items.length === 0 && <p class="muted">{t('dir.none')}</p>}
        {items && items.length > 0 && (
          <table class="table table--responsive" data-providers>
            <caption class="visually-hidden">{t('dir.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dir.name')}</th>
                <th scope="col">{t('dir.type')}</th>
                <th scope="col">{t('dir.unit')}</th>
                <th scope="col">{t('dir.services')}</th>
                <th scope="col">{t('dir.phone')}</th>
                <th scope="col">{t('dir.state')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('dir.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id} data-provider>
                  <td data-label={t('dir.name')}>
                    <strong>{p.name}</strong>
                    {p.hours && <div class="small muted">{t('dir.hours')}: {p.hours}</div>}
                  </td>
                  <td data-label={t('dir.type')}>{p.type_label}</td>
                  <td data-label={t('dir.unit')}>{p.unit_name}</td>
                  <td data-label={t('dir.services')}>{p.services.map((s) => s.label).join(', ')}</td>
                  <td data-label={t('dir.phone')}>{p.phone}</td>
                  <td data-label={t('dir.state')}>
                    <span class={'tag' + (p.active ? ' tag--ok' : ' tag--off')}>{p.active ? t('dir.active') : t('dir.inactive')}</span>
                  </td>
                  <td>
                    <button
                      type="button"
                      class="button"
                      aria-label={t('dir.editNamed', { name: p.name })}
                      onClick={() => {
                        setNotice(null);
                        setEditing(p);
                        requestAnimationFrame(() => document.getElementById('dir-name')?.focus());
                      }}
                    >
                      {t('dir.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {next && (
          <button type="button" class="button" onClick={more}>
            {t('dir.more')}
          </button>
        )}
      </div>
    </section>
  );
}

function ProviderForm({ codes, provider, onSaved, onCancel }: { codes: Codes; provider: Provider | null; onSaved: (p: Provider, added: boolean) => void; onCancel: () => void }) {
  const [d, setD] = useState<Draft>(provider ? draftOf(provider) : EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const err = (k: string) =>
    fieldError(error, k) ?? (k === 'services' && error instanceof ApiError ? error.details.find((x) => x.field.startsWith('services['))?.message : undefined);
  const protectedAddress = d.type === 'shelter' || d.type === 'trusted_address';

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    const body = {
      name: d.name,
      type: d.type,
      unit_id: d.unit?.id ?? null,
      services: d.services,
      phone: d.phone,
      hours: d.hours,
      free_of_charge: d.free_of_charge,
      how_to_reach: d.how_to_reach,
      street_address: d.street_address,
      active: d.active,
    };
    try {
      const p = provider
        ? await request<Provider>('PATCH', '/services/' + encodeURIComponent(provider.id), { body: { ...body, version: provider.version } })
        : await request<Provider>('POST', '/services', { body });
      onSaved(p, !provider);
    } catch (e2) {
      setError(e2);
      setSaving(false);
    }
  };

  const text = (k: 'name' | 'phone' | 'hours' | 'how_to_reach' | 'street_address', label: string, required = false, hint?: string) => (
    <Field id={'dir-' + k.replace(/_/g, '-')} label={label} required={required} hint={hint} error={err(k)}>
      <input
        id={'dir-' + k.replace(/_/g, '-')}
        value={d[k]}
        onInput={(e) => setD({ ...d, [k]: (e.target as HTMLInputElement).value })}
        aria-describedby={describedBy('dir-' + k.replace(/_/g, '-'), hint, err(k))}
        aria-invalid={err(k) ? true : undefined}
      />
    </Field>
  );
  const general = generalError(error, [...FIELDS, ...d.services.map((_, i) => 'services[' + i + ']')]);
  const stale = error instanceof ApiError && error.status === 409;

  return (
    <form class="panel form" onSubmit={submit} noValidate data-provider-form>
      <h2>{provider ? t('dir.editTitle', { name: provider.name }) : t('dir.addTitle')}</h2>
      {general && <Notice kind="error">{stale ? t('dir.stale') : general}</Notice>}
      <div class="form-grid">
        {text('name', t('dir.name'), true)}
        <Field id="dir-type" label={t('dir.type')} required error={err('type')}>
          <select id="dir-type" value={d.type} onChange={(e) => setD({ ...d, type: (e.target as HTMLSelectElement).value })} aria-describedby={describedBy('dir-type', undefined, err('type'))}>
            <option value="">{t('care.choose')}</option>
            {codes.provider_types.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
        </Field>
        <UnitPicker id="dir-unit" label={t('dir.unit')} value={d.unit} onChange={(u) => setD({ ...d, unit: u })} hint={t('dir.unitHint')} error={err('unit_id')} />
        {text('phone', t('dir.phone'), true)}
        {text('hours', t('dir.hours'), false, t('dir.hoursHint'))}
        {text('how_to_reach', t('dir.howToReach'), false, t('dir.howToReachHint'))}
        {text('street_address', t('dir.streetAddress'), false, protectedAddress ? t('dir.addressProtected') : undefined)}
      </div>
      <fieldset class={'fieldset' + (err('services') ? ' field--error' : '')} aria-describedby={err('services') ? 'dir-services-error' : undefined}>
        <legend>
          {t('dir.services')}
          <span class="field__required"> ({t('common.required')})</span>
        </legend>
        {err('services') && (
          <p class="field__error" id="dir-services-error" data-field-error>
            {err('services')}
          </p>
        )}
        <div class="checkbox-grid">
          {codes.service_kinds.map((s) => (
            <label class="checkbox" key={s.code}>
              <input
                type="checkbox"
                checked={d.services.includes(s.code)}
                onChange={(e) => {
                  const on = (e.target as HTMLInputElement).checked;
                  setD({ ...d, services: on ? [...d.services, s.code] : d.services.filter((x) => x !== s.code) });
                }}
              />{' '}
              {s.label}
            </label>
          ))}
        </div>
      </fieldset>
      <label class="checkbox">
        <input type="checkbox" checked={d.free_of_charge} onChange={(e) => setD({ ...d, free_of_charge: (e.target as HTMLInputElement).checked })} /> {t('dir.free')}
      </label>
      <label class="checkbox">
        <input type="checkbox" checked={d.active} onChange={(e) => setD({ ...d, active: (e.target as HTMLInputElement).checked })} /> {t('dir.activeLabel')}
      </label>
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={saving}>
          {saving ? t('dir.saving') : provider ? t('dir.save') : t('dir.create')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('dir.cancel')}
        </button>
      </div>
    </form>
  );
}
