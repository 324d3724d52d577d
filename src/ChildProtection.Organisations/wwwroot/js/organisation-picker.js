// Organisation pickers (the forms work without them: codes can be typed): an <input data-picker-url> searches
// organisations by code or name, diacritics optional, and a result's button puts its code into the field
// named by data-picker-for, appended on a new line (data-picker-mode="append") or replacing it.
(function () {
  document.querySelectorAll('input[data-picker-url]').forEach(function (find) {
    var results = document.getElementById(find.getAttribute('aria-controls'));
    var target = document.getElementById(find.getAttribute('data-picker-for'));
    if (!results || !target) return;
    var append = find.getAttribute('data-picker-mode') === 'append';
    var timer = null;
    var searching = null;
    function search() {
      var q = find.value.trim();
      results.textContent = '';
      if (q.length < 2) return;
      if (searching) searching.abort();
      searching = new AbortController();
      fetch(find.getAttribute('data-picker-url') + '&q=' + encodeURIComponent(q), { signal: searching.signal, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (list) {
          results.textContent = '';
          list.forEach(function (o) {
            var li = document.createElement('li');
            var button = document.createElement('button');
            button.type = 'button';
            button.textContent = find.getAttribute('data-add');
            button.addEventListener('click', function () {
              if (append) {
                var present = target.value.split(/[\s,;]+/).filter(Boolean);
                if (present.indexOf(o.code) < 0) target.value = (target.value.trim() ? target.value.trim() + '\n' : '') + o.code;
                li.remove();
              } else {
                target.value = o.code;
                results.textContent = '';
              }
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
  });
})();
