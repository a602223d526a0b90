// A chart with the numbers behind it one click away: the figure's title, the chart (ECharts,
// loaded with import() the first time a chart is shown, so the entry bundle never carries it)
// and a <details> holding the same data as an accessible table. The chart itself is hidden from
// screen readers; the table says everything it shows.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChartData } from '../analytics-api';
import type { ChartOptions, DrawnChart } from '../charts/bars';
import { formatFigure } from '../format';
import { t } from '../i18n';

let barsModule: Promise<typeof import('../charts/bars')> | null = null;
export function loadBars() {
  barsModule ??= import('../charts/bars');
  barsModule.catch(() => (barsModule = null));
  return barsModule;
}

interface Props {
  id: string;
  title: string;
  data: ChartData;
  options: ChartOptions;
  /** The table's first column header (what the categories are: "Năm", "Đơn vị"). */
  categoryLabel: string;
  /** Links to the categories' own pages (a unit's dashboard), by category id. */
  categoryHref?: (id: string) => string | null;
  note?: ComponentChildren;
}

export function ChartFigure({ id, title, data, options, categoryLabel, categoryHref, note }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const drawn = useRef<DrawnChart | null>(null);
  const [failed, setFailed] = useState(false);
  const empty = data.categories.length === 0 || data.series.every((s) => s.values.every((v) => v === null));
  const height = options.horizontal ? Math.max(180, data.categories.length * 30 + 70) : 300;

  useEffect(() => {
    if (empty) return;
    let alive = true;
    loadBars()
      .then((m) => {
        if (!alive || !el.current) return;
        if (drawn.current) drawn.current.update(data, options);
        else drawn.current = m.drawChart(el.current, data, options);
      })
      .catch(() => alive && setFailed(true));
    return () => {
      alive = false;
    };
  }, [data, options, empty]);

  useEffect(() => {
    if (!el.current || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => drawn.current?.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      drawn.current?.dispose();
      drawn.current = null;
    };
  }, [empty]);

  const fmt = (v: number | null) => formatFigure(v, { decimals: options.decimals, percent: options.percent });
  const columns = data.series.filter((s) => s.name || data.series.length === 1);
  return (
    <figure class="chart panel" id={id} data-chart={id} aria-labelledby={id + '-title'}>
      <figcaption>
        <h3 id={id + '-title'} class="chart__title">
          {title}
        </h3>
        {note && <p class="chart__note muted">{note}</p>}
      </figcaption>
      {empty ? (
        <p class="muted chart__empty">{t('an.noData')}</p>
      ) : (
        <>
          {!failed && <div class="chart__canvas" ref={el} style={{ height: height + 'px' }} aria-hidden="true" />}
          {failed && <p class="muted">{t('an.chartFailed')}</p>}
          <details class="chart__data" open={failed}>
            <summary>{t('an.showTable')}</summary>
            <div class="table-scroll">
              <table class="table table--compact" data-chart-table={id}>
                <caption class="visually-hidden">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{categoryLabel}</th>
                    {columns.map((s) => (
                      <th scope="col" class="num" key={s.id}>
                        {s.name || t('an.value')}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.categories.map((c, i) => {
                    const link = categoryHref?.(c.id);
                    return (
                      <tr key={c.id}>
                        <th scope="row">{link ? <a href={link}>{c.name}</a> : c.name}</th>
                        {columns.map((s) => (
                          <td class="num" key={s.id} data-series={s.id}>
                            {fmt(s.values[i])}
                          </td>
                        ))}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  );
}
