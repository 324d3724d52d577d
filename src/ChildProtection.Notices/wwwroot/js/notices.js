// Notices admin, without inline script (the CSP forbids it): the organisation search, the live
// recipients summary and the progress poll. Every page works without it.
(function () {
  'use strict';

  function debounce(fn, ms) { var t; return function () { var a = arguments; clearTimeout(t); t = setTimeout(function () { fn.apply(null, a); }, ms); }; }

  function checkbox(o, checked) {
    var label = document.createElement('label');
    var input = document.createElement('input');
    input.type = 'checkbox'; input.name = 'Input.OrganisationIds'; input.value = o.id; input.checked = !!checked;
    input.setAttribute('data-recipient', '');
    label.appendChild(input);
    label.appendChild(document.createTextNode(' ' + o.name + ' '));
    var hint = document.createElement('span'); hint.className = 'hint';
    hint.textContent = o.code + (o.valid ? '' : ' — ' + (o.successorName ? '→ ' + o.successorName : '✕'));
    label.appendChild(hint);
    return label;
  }

  var form = document.getElementById('notice-form');
  if (form) {
    var search = document.getElementById('org-search');
    var results = document.getElementById('org-results');
    var chosen = document.getElementById('chosen-organisations');
    var summary = document.getElementById('recipients-summary');

    var refreshSummary = debounce(function () {
      var params = new URLSearchParams();
      form.querySelectorAll('input[name="Input.GroupIds"]:checked').forEach(function (i) { params.append('g', i.value); });
      form.querySelectorAll('input[name="Input.OrganisationIds"]:checked').forEach(function (i) { params.append('o', i.value); });
      fetch(form.getAttribute('data-summary-url') + '&' + params.toString(), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (d) { if (d && summary) summary.textContent = d.text; })
        .catch(function () { });
    }, 300);

    form.addEventListener('change', function (e) {
      var t = e.target;
      if (!t || !t.hasAttribute('data-recipient')) return;
      // A result ticked joins the chosen list, so a new search does not lose it.
      if (t.name === 'Input.OrganisationIds' && t.checked && results && results.contains(t) && chosen) chosen.appendChild(t.parentNode);
      refreshSummary();
    });

    if (search && results) {
      search.addEventListener('keydown', function (e) { if (e.key === 'Enter') e.preventDefault(); });
      search.addEventListener('input', debounce(function () {
        var q = search.value.trim();
        if (q.length < 2) { results.textContent = ''; return; }
        fetch(form.getAttribute('data-search-url') + '&q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (list) {
            results.textContent = '';
            var taken = {};
            form.querySelectorAll('#chosen-organisations input').forEach(function (i) { taken[i.value] = true; });
            list.forEach(function (o) { if (!taken[String(o.id)]) results.appendChild(checkbox(o, false)); });
          })
          .catch(function () { });
      }, 250));
    }
  }

  var progress = document.getElementById('progress');
  if (progress) {
    var url = progress.getAttribute('data-progress-url');
    var bar = progress.querySelector('progress');
    var done = function (s) { return s === 'Completed' || s === 'Cancelled'; };
    var tick = function () {
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (d) {
          if (!d) return;
          progress.querySelectorAll('[data-field]').forEach(function (el) {
            var k = el.getAttribute('data-field');
            if (d[k] !== undefined) el.textContent = d[k];
          });
          if (bar) { bar.value = d.percent; bar.textContent = d.percent + '%'; }
          if (d.status !== progress.getAttribute('data-status')) {
            // Buttons depend on the status: show the page as it now is.
            if (done(d.status) || progress.getAttribute('data-status') === 'Scheduled') { window.location.reload(); return; }
            progress.setAttribute('data-status', d.status);
          }
          if (!done(d.status)) setTimeout(tick, 2000);
        })
        .catch(function () { setTimeout(tick, 5000); });
    };
    if (!done(progress.getAttribute('data-status'))) setTimeout(tick, 2000);
  }
})();

// Personal fields (_PersonalFields.cshtml): a click inserts the placeholder into the subject or the body,
// whichever had the cursor last (the body by default), at the cursor.
(function () {
  'use strict';
  var panel = document.getElementById('personal-fields');
  if (!panel) return;
  var subject = document.getElementById('Input_Subject');
  var body = document.getElementById('Input_BodyHtml');
  var last = 'body';
  if (subject) subject.addEventListener('focus', function () { last = 'subject'; });
  document.addEventListener('focusin', function (e) {
    if (body && body.parentNode && body.parentNode.contains(e.target) && e.target !== subject) last = 'body';
  });

  function insertInto(field, text) {
    var start = field.selectionStart == null ? field.value.length : field.selectionStart;
    var end = field.selectionEnd == null ? start : field.selectionEnd;
    field.value = field.value.slice(0, start) + text + field.value.slice(end);
    field.focus();
    field.setSelectionRange(start + text.length, start + text.length);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }

  panel.addEventListener('click', function (e) {
    var button = e.target.closest('[data-insert]');
    if (!button) return;
    e.preventDefault();
    var text = button.getAttribute('data-insert');
    if (last === 'subject' && subject) { insertInto(subject, text); return; }
    var host = body && body.parentNode ? body.parentNode.querySelector('.rich-editor-host') : null;
    var quill = host && window.Quill && window.Quill.find ? window.Quill.find(host) : null;
    if (quill && quill.root && body.classList.contains('rich-editor-source') && getComputedStyle(body).display === 'none') {
      var range = quill.getSelection(true) || { index: quill.getLength() - 1, length: 0 };
      quill.deleteText(range.index, range.length, 'user');
      quill.insertText(range.index, text, 'user');
      quill.setSelection(range.index + text.length, 0, 'user');
    } else if (body) insertInto(body, text);
  });
})();
