// "Việc cần làm" (#/tasks): what the user's unit (or a unit they may view) must do across all
// issued plans, by due date, overdue ones marked, with a one-step progress update and the
// address of the unit's calendar feed.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type CalendarFeed, type Task } from '../api';
import { errorText, Loading, Notice, PageHeader, useTitle } from '../components/common';
import { UnitPicker, type PickedUnit } from '../components/unit-picker';
import { formatDate, formatDateTime } from '../format';
import { t } from '../i18n';
import { href } from '../router';
import { useSession } from '../session';
import { activityStatusName } from './plans';

export function TasksPage() {
  useTitle(t('tasks.title'));
  const { user } = useSession();
  const [unit, setUnit] = useState<PickedUnit | null>({ id: user.unit_id, name: user.unit_name });
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [items, setItems] = useState<Task[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [calendar, setCalendar] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [reload, setReload] = useState(0);

  useEffect(() => {
    if (!unit) return;
    api
      .tasks({ unit: unit.id, overdue: onlyOverdue ? 'true' : undefined, limit: 200 })
      .then((p) => {
        setItems(p.items);
        setError(null);
      })
      .catch(setError);
  }, [unit?.id, onlyOverdue, reload]);

  const update = async (task: Task, status: 'in_progress' | 'done') => {
    setMessage(null);
    try {
      const note = notes[task.id];
      await api.updateActivity(task.id, {
        version: task.version,
        status,
        ...(note !== undefined ? { progress_note: note } : {}),
      });
      setMessage(t(status === 'done' ? 'tasks.markedDone' : 'tasks.markedStarted', { title: task.title }));
      setReload(reload + 1);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'conflict') setReload(reload + 1);
      setError(e);
    }
  };

  const [feeds, setFeeds] = useState<CalendarFeed[]>([]);
  const loadFeeds = () =>
    api
      .calendarFeeds()
      .then((p) => setFeeds(p.items))
      .catch(setError);
  useEffect(() => {
    loadFeeds();
  }, []);

  const getCalendar = async () => {
    if (!unit) return;
    try {
      const c = await api.calendarToken(unit.id);
      setCalendar(location.origin + c.url);
      loadFeeds();
    } catch (e) {
      setError(e);
    }
  };

  const revokeFeed = async (feed: CalendarFeed) => {
    try {
      await api.revokeCalendarFeed(feed.id);
      setMessage(t('tasks.calendarRevoked'));
      setCalendar(null);
      loadFeeds();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section class="page">
      <PageHeader title={t('tasks.title')} />
      <div class="toolbar form-grid">
        <UnitPicker id="tasks-unit" label={t('tasks.unit')} value={unit} onChange={setUnit} />
        <label class="checkbox--small">
          <input type="checkbox" checked={onlyOverdue} onChange={(e) => setOnlyOverdue(e.currentTarget.checked)} /> {t('tasks.onlyOverdue')}
        </label>
      </div>
      {message && <Notice kind="success">{message}</Notice>}
      {error ? <Notice kind="error">{errorText(error)}</Notice> : null}
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p class="muted">{t('tasks.none')}</p>
      ) : (
        <ul class="result-list task-list">
          {items.map((task) => (
            <li key={task.id} class={'result task' + (task.overdue ? ' is-overdue' : '')} data-task={task.title}>
              <div class="result__name">
                {task.title}
                {task.overdue && <span class="tag tag--warn"> {t('activity.overdue')}</span>}
              </div>
              <div class="result__meta">
                <a href={href(['plans', task.plan.id])}>
                  {task.plan.number_symbol} — {task.plan.title}
                </a>
              </div>
              <div class="result__meta">
                {t('activity.due')}: {task.due_date ? formatDate(task.due_date) : t('common.dash')} · {t('activity.statusLabel')}:{' '}
                <span data-status>{activityStatusName(task.status)}</span>
                {task.lead_unit_id !== unit?.id && task.lead_unit_name ? ' · ' + t('tasks.supporting', { lead: task.lead_unit_name }) : ''}
              </div>
              {task.status !== 'done' && task.status !== 'cancelled' && task.lead_unit_id === unit?.id && (
                <div class="toolbar">
                  <label class="small">
                    {t('tasks.note')}{' '}
                    <input
                      value={notes[task.id] ?? task.progress_note}
                      onInput={(e) => setNotes({ ...notes, [task.id]: e.currentTarget.value })}
                    />
                  </label>
                  {task.status === 'not_started' && (
                    <button type="button" class="button button--small" onClick={() => update(task, 'in_progress')}>
                      {t('tasks.start')}
                    </button>
                  )}
                  <button type="button" class="button button--small button--primary" onClick={() => update(task, 'done')}>
                    {t('tasks.markDone')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <div class="panel">
        <h2>{t('tasks.calendar')}</h2>
        <p class="muted">{t('tasks.calendarHint')}</p>
        {calendar && (
          <>
            <input readOnly value={calendar} aria-label={t('tasks.calendar')} class="calendar-url" />
            <p class="small muted">{t('tasks.calendarShownOnce')}</p>
          </>
        )}
        {feeds.some((f) => f.unit_id === unit?.id) || calendar ? (
          <p>
            <button type="button" class="button" onClick={getCalendar} disabled={!unit} aria-describedby="calendar-new-hint">
              {t('tasks.calendarNew')}
            </button>{' '}
            <span id="calendar-new-hint" class="small muted">
              {t('tasks.calendarNewHint')}
            </span>
          </p>
        ) : (
          <p>
            <button type="button" class="button" onClick={getCalendar} disabled={!unit}>
              {t('tasks.calendarGet')}
            </button>
          </p>
        )}
        {feeds.length > 0 && (
          <>
            <h3>{t('tasks.calendarFeeds')}</h3>
            <ul class="result-list" data-calendar-feeds>
              {feeds.map((f) => (
                <li key={f.id} class="result">
                  <span>
                    {t('tasks.calendarFeed', {
                      unit: f.unit_name ?? t('common.dash'),
                      created: formatDateTime(f.created_at),
                      expires: formatDate(f.expires_at.slice(0, 10)),
                      used: f.last_used_at ? formatDateTime(f.last_used_at) : t('tasks.calendarNeverRead'),
                    })}
                  </span>{' '}
                  <button
                    type="button"
                    class="button button--small"
                    aria-label={t('tasks.calendarRevokeOne', { unit: f.unit_name ?? '' })}
                    onClick={() => revokeFeed(f)}
                  >
                    {t('tasks.calendarRevoke')}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
