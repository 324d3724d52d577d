// The header search box's suggestions as one types, following the WAI-ARIA combobox pattern (list autocomplete).
// A file, not inline script: the site's CSP allows none. Without this script the box is the plain search form.
(function () {
  'use strict';
  var input = document.getElementById('site-search-q');
  if (!input || !window.fetch || !input.form) return;
  var form = input.form;
  var minLength = 2, delay = 200, timer = 0, controller = null, items = [], active = -1, lastQuery = '';

  var list = document.createElement('ul');
  list.id = 'site-search-list';
  list.className = 'site-search-list';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Gợi ý tìm kiếm');
  list.hidden = true;
  var status = document.createElement('div');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  form.classList.add('has-suggestions');
  input.insertAdjacentElement('afterend', list);
  form.appendChild(status);

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('autocomplete', 'off');

  function safe(url) { return typeof url === 'string' && url.charAt(0) === '/' && url.charAt(1) !== '/' && url.charAt(1) !== '\\'; }

  function setActive(index) {
    if (active >= 0 && list.children[active]) list.children[active].setAttribute('aria-selected', 'false');
    active = index;
    if (active >= 0 && list.children[active]) {
      var option = list.children[active];
      option.setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', option.id);
      if (option.scrollIntoView) option.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function close() {
    setActive(-1);
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  }

  function open() {
    if (items.length === 0) return;
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function go(index) {
    var item = items[index];
    if (item && safe(item.url)) window.location.assign(item.url);
  }

  function render(found) {
    items = found.filter(function (s) { return s && typeof s.title === 'string' && safe(s.url); });
    active = -1;
    input.removeAttribute('aria-activedescendant');
    while (list.firstChild) list.removeChild(list.firstChild);
    items.forEach(function (s, i) {
      var option = document.createElement('li');
      option.id = 'site-search-option-' + i;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', 'false');
      option.textContent = s.title;
      list.appendChild(option);
    });
    status.textContent = items.length > 0
      ? 'Có ' + items.length + ' gợi ý. Dùng phím mũi tên lên, xuống để chọn.'
      : 'Không có gợi ý.';
    if (items.length > 0) open(); else close();
  }

  function suggest() {
    var query = input.value.trim();
    if (query === lastQuery && items.length > 0) { open(); return; }
    lastQuery = query;
    if (controller) controller.abort();
    if (query.length < minLength) { items = []; close(); status.textContent = ''; return; }
    controller = window.AbortController ? new AbortController() : null;
    fetch('/tim-kiem/goi-y?q=' + encodeURIComponent(query), { headers: { Accept: 'application/json' }, signal: controller ? controller.signal : undefined })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (found) { if (input.value.trim() === query) render(Array.isArray(found) ? found : []); })
      .catch(function () { /* aborted or offline: the plain form still works */ });
  }

  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(suggest, delay);
  });

  input.addEventListener('keydown', function (event) {
    var expanded = !list.hidden;
    switch (event.key) {
      case 'ArrowDown':
        if (items.length === 0) return;
        event.preventDefault();
        if (!expanded) { open(); setActive(0); } else setActive(active + 1 < items.length ? active + 1 : 0);
        break;
      case 'ArrowUp':
        if (items.length === 0) return;
        event.preventDefault();
        if (!expanded) { open(); setActive(items.length - 1); } else setActive(active > 0 ? active - 1 : items.length - 1);
        break;
      case 'Enter':
        // Without a chosen suggestion Enter submits the form: the search page, as without JavaScript.
        if (expanded && active >= 0) { event.preventDefault(); go(active); }
        break;
      case 'Escape':
        if (expanded) { event.preventDefault(); close(); }
        break;
    }
  });

  // A press on an option must not blur the box first (which would close the list under the finger or pointer).
  list.addEventListener('mousedown', function (event) { event.preventDefault(); });
  list.addEventListener('click', function (event) {
    var option = event.target.closest ? event.target.closest('[role="option"]') : null;
    if (!option) return;
    go(Array.prototype.indexOf.call(list.children, option));
  });
  input.addEventListener('blur', function () { window.setTimeout(close, 150); });
  input.addEventListener('focus', function () { if (items.length > 0 && input.value.trim() === lastQuery) open(); });
})();
