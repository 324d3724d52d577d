// The group form's live count (the page works without it): when a rule's kinds, level or ward change, ask
// the server how many organisations and addresses the rule reaches today.
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

})();
