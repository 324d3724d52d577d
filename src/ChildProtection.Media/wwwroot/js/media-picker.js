// The media picker on the content editor, without inline script (the CSP forbids it). Every textarea
// named "….mediaIds" (a media field: one id per line) and every input named "….mediaId" (a media part)
// gets a "choose" button, a preview of what is chosen and a dialog that lists and searches the library.
// An image without alt text must be described in the dialog before it is used. Without script the
// plain inputs still take ids.
(function () {
  'use strict';
  var script = document.currentScript;
  var texts = {};
  try { texts = JSON.parse(script.getAttribute('data-texts') || '{}'); } catch (e) { texts = {}; }
  function t(key) { return texts[key] || key; }
  var api = '/admin/media';

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'className') node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function token(control) {
    var form = control.form || document;
    var input = form.querySelector('input[name="__RequestVerificationToken"]') || document.querySelector('input[name="__RequestVerificationToken"]');
    return input ? input.value : '';
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' }).then(function (r) {
      if (r.status === 403) throw new Error(t('forbidden'));
      if (!r.ok) throw new Error(t('failed'));
      return r.json();
    });
  }

  // ---- one dialog, shared by every picker on the page ----
  var dialog, search, results, pager, describe, altInput, altError, current;

  function buildDialog() {
    search = el('input', { type: 'search', 'aria-label': t('search'), placeholder: t('search') });
    results = el('div', { className: 'results' });
    pager = el('div', { className: 'pager' });
    altInput = el('textarea', { lang: 'vi', maxlength: '1000', id: 'media-picker-alt' });
    altError = el('p', { className: 'field-error', role: 'alert' });
    var saveAlt = el('button', { type: 'button', className: 'primary', text: t('saveAlt') });
    describe = el('div', { className: 'describe', hidden: 'hidden' }, [
      el('label', { 'for': 'media-picker-alt', text: t('altNeeded') }), altInput, altError, saveAlt,
    ]);
    var close = el('button', { type: 'button', text: t('close') });
    var upload = el('a', { href: api, target: '_blank', rel: 'noopener', text: t('upload') });
    dialog = el('dialog', { className: 'media-dialog', 'aria-labelledby': 'media-picker-title' }, [
      el('h2', { id: 'media-picker-title', text: t('title') }),
      el('div', { className: 'toolbar' }, [search, close]),
      results, pager, describe, el('p', { className: 'hint' }, [upload]),
    ]);
    document.body.appendChild(dialog);
    var timer;
    search.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(function () { load(1); }, 250); });
    close.addEventListener('click', function () { dialog.close(); });
    saveAlt.addEventListener('click', function () {
      var file = current && current.selected;
      if (!file) return;
      if (!altInput.value.trim()) { altError.textContent = t('altRequired'); altInput.focus(); return; }
      var data = new FormData();
      data.append('id', file.id);
      data.append('altText', altInput.value);
      data.append('__RequestVerificationToken', token(current.control));
      fetch(api + '?handler=Describe', { method: 'POST', body: data, credentials: 'same-origin', headers: { Accept: 'application/json', RequestVerificationToken: token(current.control) } })
        .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
        .then(function (res) {
          if (!res.ok) { altError.textContent = res.body.error || t('failed'); return; }
          choose(res.body);
        })
        .catch(function () { altError.textContent = t('failed'); });
    });
  }

  function load(page) {
    results.textContent = t('loading');
    pager.textContent = '';
    describe.hidden = true;
    var url = api + '?handler=Json&page=' + page + '&q=' + encodeURIComponent(search.value || '') + (current.imagesOnly ? '&images=true' : '');
    getJson(url).then(function (data) {
      results.textContent = '';
      if (!data.items.length) { results.appendChild(el('p', { text: t('none') })); return; }
      data.items.forEach(function (file) {
        var label = [];
        if (file.thumbnail) label.push(el('img', { src: file.thumbnail, alt: '' }));
        else label.push(el('span', { className: 'media-kind', text: file.name.split('.').pop().toUpperCase() }));
        label.push(el('span', { text: file.name }));
        label.push(el('span', { className: 'hint', text: file.size + (file.width ? ' · ' + file.width + '×' + file.height : '') }));
        // Said before it is chosen: published content refuses it until its consent record is complete.
        if (file.needsConsent) label.push(el('span', { className: 'badge draft', text: t('needsConsent') }));
        var button = el('button', { type: 'button', 'aria-pressed': 'false' }, label);
        button.addEventListener('click', function () { pick(file, button); });
        results.appendChild(button);
      });
      if (data.pages > 1) {
        var prev = el('button', { type: 'button', text: t('previous') });
        var next = el('button', { type: 'button', text: t('next') });
        prev.disabled = data.page <= 1; next.disabled = data.page >= data.pages;
        prev.addEventListener('click', function () { load(data.page - 1); });
        next.addEventListener('click', function () { load(data.page + 1); });
        pager.appendChild(prev);
        pager.appendChild(el('span', { text: t('pageOf').replace('{0}', data.page).replace('{1}', data.pages) }));
        pager.appendChild(next);
      }
    }).catch(function (err) { results.textContent = err.message; });
  }

  function pick(file, button) {
    Array.prototype.forEach.call(results.querySelectorAll('button'), function (b) { b.setAttribute('aria-pressed', 'false'); });
    button.setAttribute('aria-pressed', 'true');
    current.selected = file;
    if (file.isImage && !(file.alt && file.alt.trim()) && !current.ownAlt()) {
      describe.hidden = false;
      altInput.value = '';
      altError.textContent = '';
      altInput.focus();
      return;
    }
    choose(file);
  }

  function choose(file) {
    current.add(file);
    dialog.close();
    current.button.focus();
  }

  function open(picker) {
    if (!dialog) buildDialog();
    current = picker;
    search.value = '';
    if (typeof dialog.showModal === 'function') dialog.showModal(); else dialog.setAttribute('open', 'open');
    load(1);
    search.focus();
  }

  // ---- a picker over one control ----
  function attach(control, multiple) {
    var list = el('ul', { className: 'chosen' });
    var button = el('button', { type: 'button', text: multiple ? t('choose') : t('chooseOne') });
    var wrapper = el('div', { className: 'media-picker' }, [list, button]);
    control.parentNode.insertBefore(wrapper, control.nextSibling);
    control.classList.add('visually-hidden');
    control.setAttribute('tabindex', '-1');
    var altControl = multiple ? null : document.querySelector('[name="' + control.name.replace(/mediaId$/, 'AltText') + '"]');

    function ids() { return control.value.split(/\s+/).filter(function (s) { return s.length; }); }
    function write(values) { control.value = values.join(multiple ? '\n' : ''); }

    function show(file) {
      var remove = el('button', { type: 'button', className: 'linkish', text: t('remove') });
      var item = el('li', { 'data-id': file.id }, [
        file.thumbnail ? el('img', { src: file.thumbnail, alt: '' }) : el('span', { className: 'media-kind', text: file.name.split('.').pop().toUpperCase() }),
        el('a', { href: file.edit, target: '_blank', rel: 'noopener', text: file.name }), remove,
      ]);
      remove.addEventListener('click', function () {
        write(ids().filter(function (i) { return i !== file.id; }));
        item.parentNode.removeChild(item);
      });
      list.appendChild(item);
    }

    var picker = {
      control: control, button: button, imagesOnly: !multiple, selected: null,
      ownAlt: function () { return !!(altControl && altControl.value.trim()); },
      add: function (file) {
        var values = ids();
        if (values.indexOf(file.id) >= 0) return;
        if (multiple) values.push(file.id); else { values = [file.id]; list.textContent = ''; }
        write(values);
        show(file);
      },
    };
    button.addEventListener('click', function () { open(picker); });
    ids().forEach(function (id) {
      getJson(api + '?handler=File&id=' + encodeURIComponent(id)).then(show).catch(function () {
        show({ id: id, name: id, edit: api + '/' + id });
      });
    });
  }

  document.querySelectorAll('textarea[name$=".mediaIds"]').forEach(function (c) { attach(c, true); });
  document.querySelectorAll('input[name$=".mediaId"]').forEach(function (c) { attach(c, false); });
})();
