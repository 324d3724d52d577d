// The group form's two helpers (the page works without them):
// - the live count: when a rule's kinds, level or ward change, ask the server how many organisations and
//   addresses the rule reaches today;
// - the member picker: search organisations by code or name (diacritics optional) and add a result's code
//   to the fixed list.
(function () {
  var form = document.getElementById('group-form');
  if (!form) return;
  var out = document.getElementById('group-count');
  var pending = null;
  function refresh() {
    var rule = form.querySelector('input[name=Kind][value=Rule]');
    if (!out || !rule || !rule.checked) return;
    var params = new URLSearchParams();
    form.querySelectorAll('input[name=RuleKinds]:checked').forEach(function (c) { params.append('ruleKinds', c.value); });
    params.append('ruleLevel', form.querySelector('[name=RuleLevel]').value);
    params.append('ruleWard', form.querySelector('[name=RuleWard]').value);
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(out.getAttribute('data-url') + '&' + params.toString(), { signal: pending.signal, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) out.textContent = data.text; })
      .catch(function () { });
  }
  form.addEventListener('change', function (e) {
    if (e.target.hasAttribute('data-count') || e.target.name === 'Kind') refresh();
  });

  var find = document.getElementById('member-find');
  var results = document.getElementById('member-results');
  var codes = document.getElementById('MemberCodes');
  if (!find || !results || !codes) return;
  var timer = null;
  var searching = null;
  function search() {
    var q = find.value.trim();
    results.textContent = '';
    if (q.length < 2) return;
    if (searching) searching.abort();
    searching = new AbortController();
    fetch(find.getAttribute('data-url') + '&q=' + encodeURIComponent(q), { signal: searching.signal, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (list) {
        results.textContent = '';
        list.forEach(function (o) {
          var li = document.createElement('li');
          var button = document.createElement('button');
          button.type = 'button';
          button.textContent = find.getAttribute('data-add');
          button.addEventListener('click', function () {
            var present = codes.value.split(/[\s,;]+/).filter(Boolean);
            if (present.indexOf(o.code) < 0) codes.value = (codes.value.trim() ? codes.value.trim() + '\n' : '') + o.code;
            li.remove();
          });
          li.appendChild(button);
          li.appendChild(document.createTextNode(' ' + o.code + ' — ' + o.name + (o.valid ? '' : ' (' + find.getAttribute('data-invalid') + ')')));
          results.appendChild(li);
        });
      })
      .catch(function () { });
  }
  find.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(search, 250); });
  find.addEventListener('keydown', function (e) { if (e.key === 'Enter') { e.preventDefault(); search(); } });
})();
