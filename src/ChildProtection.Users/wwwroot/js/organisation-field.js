// The user form's "Đơn vị" field. The form works without this script: the visible field then takes an
// organisation's code (or a "Name (CODE)" label) and the server looks it up. With the script, typing asks
// the server for suggestions (name without diacritics, or code) and fills the <datalist>; choosing one puts
// its id into the hidden field, and the line below the field names what will be saved.
(function () {
  var input = document.querySelector('input[data-organisation-search]');
  if (!input) return;
  var hidden = document.getElementById(input.getAttribute('data-organisation-id'));
  var list = document.getElementById(input.getAttribute('list'));
  var chosen = document.querySelector('[data-organisation-chosen]');
  var clear = document.querySelector('[data-organisation-clear]');
  if (!hidden || !list || !chosen) return;
  var url = input.getAttribute('data-organisation-search');
  var known = Object.create(null); // label → id
  var currentId = input.getAttribute('data-current-id');
  if (currentId && input.value.trim()) known[input.value.trim()] = currentId;
  var timer = null;
  var searching = null;

  function sync() {
    var text = input.value.trim();
    if (!text) { hidden.value = ''; chosen.textContent = input.getAttribute('data-none'); return; }
    if (known[text]) { hidden.value = known[text]; chosen.textContent = text; return; }
    hidden.value = '';
    chosen.textContent = input.getAttribute('data-pending');
  }

  function search() {
    var q = input.value.trim();
    if (q.length < 2 || known[q]) return;
    if (searching) searching.abort();
    searching = new AbortController();
    fetch(url + '&q=' + encodeURIComponent(q), { signal: searching.signal, credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (found) {
        list.textContent = '';
        found.forEach(function (o) {
          known[o.label] = String(o.id);
          var option = document.createElement('option');
          option.value = o.label;
          if (!o.valid) option.label = o.label + ' — ' + input.getAttribute('data-invalid');
          list.appendChild(option);
        });
        sync();
      })
      .catch(function () { });
  }

  sync();
  input.addEventListener('input', function () { sync(); clearTimeout(timer); timer = setTimeout(search, 250); });
  input.addEventListener('change', sync);
  input.addEventListener('keydown', function (e) { if (e.key === 'Enter' && !known[input.value.trim()]) { e.preventDefault(); search(); } });
  if (clear) {
    clear.hidden = false;
    clear.addEventListener('click', function () { input.value = ''; sync(); input.focus(); });
  }
})();
