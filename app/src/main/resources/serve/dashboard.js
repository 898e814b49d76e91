// The page of one dashboard: its definition and data come from /api/dashboards/<name>; filters
// live in the address (so a reload or a shared link keeps them); charts are ECharts.
(function () {
  'use strict';
  const root = document.getElementById('dashboard');
  if (!root) {
    return;
  }
  const name = root.dataset.name;
  const charts = [];
  let definition;
  let formats;

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([key, value]) => {
      if (key === 'text') {
        node.textContent = value;
      } else if (value !== undefined && value !== null) {
        node.setAttribute(key, value);
      }
    });
    (children || []).forEach((child) => node.appendChild(child));
    return node;
  }

  // a 503 means the lake is being written (a transform): ask again a few times before showing it
  async function fetchText(url, attempt) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    const text = await response.text();
    if (response.status === 503 && (attempt || 0) < 10) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return fetchText(url, (attempt || 0) + 1);
    }
    if (!response.ok) {
      throw new Error(text || response.status + ' ' + response.statusText);
    }
    return text;
  }

  function showError(message) {
    let box = document.getElementById('error');
    if (!box) {
      box = element('div', { id: 'error', class: 'error', role: 'alert' });
      root.prepend(box);
    }
    box.textContent = message;
    root.dataset.state = 'error';
  }

  function formatters(currency) {
    const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency });
    const percent = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
    return {
      // money arrives as exact decimal text; Intl formats the text itself, so no cent is lost to floating point
      money: (v) => money.format(v),
      percent: (v) => percent.format(v),
      integer: (v) => integer.format(v),
      number: (v) => number.format(v),
      date: (v) => v,
      month: (v) => v.slice(0, 7),
      datetime: (v) => v,
      text: (v) => v,
    };
  }

  function format(value, kind) {
    if (value === null || value === undefined) {
      return '–';
    }
    return (formats[kind] || formats.text)(value);
  }

  function query() {
    return new URLSearchParams(window.location.search);
  }

  function filterBar() {
    const params = query();
    const bar = element('form', { class: 'filters', id: 'filters' });
    definition.filters.forEach((filter) => {
      if (filter.type === 'date_range') {
        ['from', 'to'].forEach((end) => {
          const input = element('input', { type: 'date', name: filter.id + '_' + end, id: 'filter-' + filter.id + '-' + end });
          input.value = params.get(filter.id + '_' + end) || '';
          bar.appendChild(element('label', {}, [document.createTextNode(filter.label + ' ' + end), input]));
        });
      } else {
        const select = element('select', { name: filter.id, id: 'filter-' + filter.id }, [element('option', { value: '', text: 'All' })]);
        filter.options.forEach((option) => select.appendChild(element('option', { value: option.value, text: option.label })));
        select.value = params.get(filter.id) || '';
        bar.appendChild(element('label', {}, [document.createTextNode(filter.label), select]));
      }
    });
    const clear = element('button', { type: 'button', id: 'clear-filters', text: 'Clear filters' });
    clear.addEventListener('click', () => {
      bar.querySelectorAll('input, select').forEach((input) => { input.value = ''; });
      applyFilters();
    });
    bar.appendChild(clear);
    bar.addEventListener('change', applyFilters);
    bar.addEventListener('submit', (event) => { event.preventDefault(); applyFilters(); });
    return bar;
  }

  function applyFilters() {
    const params = new URLSearchParams();
    document.querySelectorAll('#filters input, #filters select').forEach((input) => {
      if (input.value) {
        params.set(input.name, input.value);
      }
    });
    const search = params.toString();
    window.history.replaceState(null, '', window.location.pathname + (search ? '?' + search : ''));
    loadData();
  }

  function layout() {
    root.innerHTML = '';
    if (definition.description) {
      root.appendChild(element('p', { class: 'description', text: definition.description }));
    }
    const loaded = definition.loaded || {};
    root.appendChild(element('p', {
      class: 'loaded', id: 'loaded',
      text: loaded.load ? 'Data last loaded ' + loaded.load.replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC')
        + (loaded.transform ? ', tables rebuilt ' + loaded.transform + ' UTC' : '')
        : 'No complete load yet.',
    }));
    root.appendChild(filterBar());
    const grid = element('div', { class: 'grid' });
    let kpis = null;
    definition.visuals.forEach((visual) => {
      const width = visual.type === 'kpi' ? '' : ' ' + visual.width;
      const box = element('section', { class: 'visual ' + visual.type + width, 'data-visual': visual.id }, [
        element('h2', { text: visual.title }),
      ]);
      if (visual.type === 'table' || visual.type === 'pivot') {
        box.querySelector('h2').appendChild(element('a', { class: 'csv', 'data-csv': visual.id, text: 'CSV' }));
      }
      box.appendChild(element('p', { class: 'note' }));
      box.appendChild(element('div', { class: 'body' }));
      // KPIs side by side share one row, however many there are
      if (visual.type === 'kpi') {
        if (!kpis) {
          kpis = element('div', { class: 'kpis' });
          grid.appendChild(kpis);
        }
        kpis.appendChild(box);
      } else {
        kpis = null;
        grid.appendChild(box);
      }
    });
    root.appendChild(grid);
  }

  function fetchData() {
    const search = query().toString();
    return fetchText('/api/dashboards/' + name + '/data' + (search ? '?' + search : '')).then(JSON.parse);
  }

  async function loadData(pending) {
    root.dataset.state = 'loading';
    const search = query().toString();
    let data;
    try {
      data = await (pending || fetchData());
    } catch (error) {
      showError(error.message);
      return;
    }
    const errorBox = document.getElementById('error');
    if (errorBox) {
      errorBox.remove();
    }
    charts.splice(0).forEach((chart) => chart.dispose());
    const active = new Set([...query().keys()].map((key) => key.replace(/_(from|to)$/, '')));
    definition.visuals.forEach((visual) => {
      const box = root.querySelector('[data-visual="' + visual.id + '"]');
      const body = box.querySelector('.body');
      body.innerHTML = '';
      const csv = box.querySelector('a.csv');
      if (csv) {
        csv.href = '/api/dashboards/' + name + '/csv/' + visual.id + (search ? '?' + search : '');
      }
      const unfiltered = definition.filters.filter((f) => active.has(f.id) && visual.unfiltered.split(', ').includes(f.label));
      box.querySelector('.note').textContent = unfiltered.length ? 'Not filtered by ' + unfiltered.map((f) => f.label).join(', ') : '';
      const result = data.visuals[visual.id];
      ({ kpi: kpi, bar: chart, line: chart, table: table, pivot: pivot })[visual.type](body, visual, result);
    });
    root.dataset.state = 'ready';
    root.dataset.loads = String(Number(root.dataset.loads || 0) + 1);
    if (!root.dataset.firstReadyMs) {
      // from the start of navigation to every visual drawn: what BENCHMARKS.md reports as the first load
      root.dataset.firstReadyMs = String(Math.round(performance.now()));
    }
  }

  function kpi(body, visual, result) {
    const measure = visual.columns[0];
    body.appendChild(element('div', { class: 'value', 'data-value': 'true', text: format(result.rows[0][0], measure.format) }));
  }

  function chart(body, visual, result) {
    const x = visual.columns[0];
    const measures = visual.columns.slice(1);
    const categories = [];
    const series = new Map();
    result.rows.forEach((row) => {
      if (!categories.includes(row[0])) {
        categories.push(row[0]);
      }
    });
    if (visual.series) {
      result.rows.forEach((row) => {
        if (!series.has(row[1])) {
          series.set(row[1], new Array(categories.length).fill(null));
        }
        series.get(row[1])[categories.indexOf(row[0])] = Number(row[2]);
      });
    } else {
      measures.forEach((measure, i) => series.set(measure.label, result.rows.map((row) => (row[i + 1] === null ? null : Number(row[i + 1])))));
    }
    const kind = measures[0].format;
    const target = element('div', { class: 'chart' });
    body.appendChild(target);
    const instance = echarts.init(target, null, { renderer: 'svg' });
    instance.setOption({
      animation: false,
      grid: { left: 70, right: 20, top: 30, bottom: 10, containLabel: true },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis', valueFormatter: (v) => format(v, kind) },
      xAxis: {
        type: 'category',
        data: categories.map((c) => (c === null ? '(none)' : format(c, x.format))),
        // dates thin out by themselves; names are all shown, slanted
        axisLabel: x.format === 'date' || x.format === 'month' ? { hideOverlap: true } : { interval: 0, rotate: 25, width: 120, overflow: 'truncate' },
      },
      yAxis: { type: 'value', axisLabel: { formatter: (v) => format(v, kind === 'money' ? 'integer' : kind) } },
      series: [...series.entries()].map(([label, values]) => ({
        name: label === null ? '(none)' : String(label), type: visual.type, data: values, stack: visual.stacked ? 'all' : undefined,
        showSymbol: visual.type === 'line' && categories.length < 40,
        barMaxWidth: 60,
        connectNulls: true,
      })),
    });
    charts.push(instance);
  }

  function cells(tag, values, columns, className) {
    return element('tr', { class: className }, values.map((value, i) => element(tag, {
      class: columns[i].measure ? 'number' : '', text: columns[i] ? format(value, columns[i].format) : value,
    })));
  }

  function table(body, visual, result) {
    const columns = visual.columns;
    const head = element('thead', {}, [element('tr', {}, columns.map((c) => element('th', { class: c.measure ? 'number' : '', text: c.label })))]);
    const rows = element('tbody', {}, result.rows.map((row) => cells('td', row, columns)));
    const dimensions = columns.filter((c) => !c.measure).length;
    const totalValues = new Array(dimensions).fill('').concat(result.totals);
    totalValues[0] = 'Total';
    const totalColumns = columns.map((c, i) => (i === 0 ? { format: 'text' } : c));
    const foot = element('tfoot', {}, [cells('td', totalValues, totalColumns, 'totals')]);
    body.appendChild(element('div', { class: 'scroll' }, [element('table', {}, [head, rows, foot])]));
    if (!result.rows.length) {
      body.appendChild(element('p', { class: 'empty', text: 'No rows under these filters.' }));
    }
  }

  function pivot(body, visual, result) {
    const dimensions = visual.columns.filter((c) => !c.measure);
    const measure = visual.columns.find((c) => c.measure);
    const seriesColumn = visual.series[0];
    const n = dimensions.length;
    const key = (row) => JSON.stringify(row.slice(0, n));
    const across = result.columnTotals.map((row) => row[0]);
    const cellsByRow = new Map(result.rowTotals.map((row) => [key(row), new Map()]));
    result.rows.forEach((row) => cellsByRow.get(key(row)).set(row[n], row[n + 1]));
    const head = element('thead', {}, [element('tr', {}, dimensions.map((d) => element('th', { text: d.label }))
      .concat(across.map((value) => element('th', { class: 'number', text: value === null ? '(none)' : format(value, seriesColumn.format) })))
      .concat([element('th', { class: 'number', text: 'Total' })]))]);
    const bodyRows = result.rowTotals.map((total) => {
      const values = cellsByRow.get(key(total));
      return element('tr', {}, dimensions.map((d, i) => element('td', { text: format(total[i], d.format) }))
        .concat(across.map((value) => element('td', { class: 'number', text: format(values.has(value) ? values.get(value) : null, measure.format) })))
        .concat([element('td', { class: 'number', text: format(total[n], measure.format) })]));
    });
    const foot = element('tfoot', {}, [element('tr', { class: 'totals' }, [element('td', { text: 'Total', colspan: String(n) })]
      .concat(result.columnTotals.map((row) => element('td', { class: 'number', text: format(row[1], measure.format) })))
      .concat([element('td', { class: 'number', text: format(result.totals[0], measure.format) })]))]);
    body.appendChild(element('div', { class: 'scroll' }, [element('table', { class: 'pivot' }, [head, element('tbody', {}, bodyRows), foot])]));
  }

  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

  (async function start() {
    root.dataset.state = 'loading';
    // the data does not wait for the definition: both are asked for at once
    const data = fetchData();
    data.catch(() => {});
    try {
      definition = JSON.parse(await fetchText('/api/dashboards/' + name));
    } catch (error) {
      showError(error.message);
      return;
    }
    formats = formatters(definition.currency);
    layout();
    await loadData(data);
  }());
}());
