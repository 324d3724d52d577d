/*
 * rich-editor.js: the admin's shared WYSIWYG HTML editor. Behind it is Quill 2 (BSD-3-Clause, from the
 * npm registry: ClientLibs/package.json, copied to /lib/quill by the build); this file is the house's
 * Vietnamese toolbar, dialogs and cleaning around it.
 *
 * HOW TO USE IT (any module, any admin page that uses _AdminLayout, which loads Quill and this file):
 *
 *     <label for="Body">Nội dung</label>
 *     <textarea id="Body" name="Body" data-rich-editor>@Model.Body</textarea>
 *
 * That attribute is the whole contract. The textarea stays the form field: it is hidden behind a
 * toolbar and an editable area, kept in sync on every change and on submit, and shown again by the
 * "HTML" button to see or edit the source. Without JavaScript (or without Quill) the plain textarea
 * works as before. The server must still sanitise what it receives (IHtmlSanitizing in Core: BodyPart
 * and HtmlField do); the cleaning here only keeps pasted Word/web junk out of the editor. For textareas
 * added to the page later, call window.richEditor.enhance(element).
 *
 * The site's CSP allows no inline script and no <style> element: Quill 2 injects neither (it sets
 * element.style through the CSSOM only), and everything here is in files.
 */
(function () {
  'use strict';
  var Quill = window.Quill;
  if (!Quill) return;
  var Delta = Quill.import('delta');

  // The words come from the Admin module's resources (Editing/RichEditorText.cs), written by the admin
  // layout as JSON; a pair is [visible text, aria-label / title].
  var textBlock = document.getElementById('rich-editor-text');
  if (!textBlock) return;
  var T = JSON.parse(textBlock.textContent);
  var MAX_LENGTH = 5000000;
  // The formats the toolbar makes; anything else a paste brings (colours, fonts, sizes, alignment,
  // indentation, video frames, formulas) is dropped before it reaches the editor.
  var KEEP = { bold: 1, italic: 1, underline: 1, strike: 1, link: 1, header: 1, list: 1, blockquote: 1, table: 1, alt: 1, width: 1, height: 1 };
  var counter = 0;

  function safeUrl(url) {
    url = (url || '').trim();
    if (!url) return false;
    if (url.charAt(0) === '/' && url.charAt(1) !== '/') return true;
    if (/^(mailto|tel):/i.test(url)) return true;
    return /^https?:\/\/[^\s]+$/i.test(url);
  }

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

  // Quill's semantic HTML, made plain: only the attributes the body keeps survive (Quill's data-row,
  // target, rel, classes and any style go), and the no-break spaces Quill 2.0 writes for every space
  // become spaces again. The server adds rel itself. Style and on* attributes are renamed before the
  // parse: even a parse into an inert template reports them to the CSP as blocked inline style/script.
  var ATTRS = { a: ['href', 'title'], img: ['src', 'alt', 'width', 'height'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan', 'scope'] };
  // Pasted HTML before any parse: style and on* attributes renamed (a parse, even into an inert
  // DOMParser document, reports each to the CSP as blocked inline style or script), and <style> and
  // <script> turned into <template>, whose content is inert and which the clipboard drops whole.
  function defuse(html) {
    return html
      .replace(/<(\/?)\s*(style|script)\b/gi, '<$1template')
      .replace(/<[a-zA-Z][^>]*>/g, function (tag) { return tag.replace(/(\s)(style|on[a-z]+)(\s*=)/gi, '$1data-cp-$2$3'); });
  }

  function serialize(html) {
    var holder = document.createElement('template');
    holder.innerHTML = (html || '').replace(/&nbsp;/g, ' ').replace(/<[a-zA-Z][^>]*>/g, function (tag) {
      return tag.replace(/(\s)(style|on[a-z]+)(\s*=)/gi, '$1data-cp-$2$3');
    });
    Array.prototype.forEach.call(holder.content.querySelectorAll('*'), function (node) {
      var keep = ATTRS[node.localName] || [];
      Array.prototype.slice.call(node.attributes).forEach(function (a) {
        if (keep.indexOf(a.name) < 0) node.removeAttribute(a.name);
      });
    });
    var out = holder.innerHTML;
    return /^(<p>(<br>)?<\/p>)*$/.test(out) ? '' : out;
  }

  function enhance(textarea) {
    if (textarea.getAttribute('data-rich-editor-ready')) return;
    textarea.setAttribute('data-rich-editor-ready', '1');
    var id = textarea.id || ('rich-editor-' + (++counter));
    if (!textarea.id) textarea.id = id;
    var label = document.querySelector('label[for="' + id + '"]');

    var wrapper = el('div', { className: 'rich-editor' });
    textarea.parentNode.insertBefore(wrapper, textarea);
    var toolbar = el('div', { className: 'rich-editor-toolbar', role: 'toolbar', 'aria-label': T.toolbar, 'aria-controls': id + '-area' });
    var message = el('p', { className: 'field-error rich-editor-message', role: 'alert', hidden: 'hidden' });
    var linkDialog = el('div', { className: 'rich-editor-dialog rich-editor-link-dialog', hidden: 'hidden', role: 'dialog', 'aria-label': T.linkUrl });
    var mediaDialog = el('div', { className: 'rich-editor-dialog rich-editor-media', hidden: 'hidden', role: 'dialog', 'aria-label': T.mediaTitle });
    var host = el('div', { className: 'rich-editor-host' });
    wrapper.appendChild(toolbar);
    wrapper.appendChild(message);
    wrapper.appendChild(linkDialog);
    wrapper.appendChild(mediaDialog);
    wrapper.appendChild(host);
    wrapper.appendChild(textarea);
    textarea.classList.add('rich-editor-source');

    var quill = new Quill(host, {
      modules: { toolbar: false, table: true, history: { delay: 800, maxStack: 200, userOnly: true } }
    });
    var area = quill.root;
    area.id = id + '-area';
    area.classList.add('rich-editor-area');
    area.setAttribute('role', 'textbox');
    area.setAttribute('aria-multiline', 'true');
    area.setAttribute('aria-label', label ? label.textContent.trim() : T.area);
    area.setAttribute('lang', 'vi');

    var pasting = false;
    quill.clipboard.addMatcher(Node.ELEMENT_NODE, function (node, delta) {
      return new Delta(delta.ops.filter(function (op) {
        if (op.insert && typeof op.insert === 'object') {
          if (!op.insert.image) return false; // video frames, formulas
          // Pasted images must come from the media library and be described; others are dropped.
          if (pasting && (!/^\/media\//.test(op.insert.image) || !(op.attributes && op.attributes.alt))) return false;
        }
        return true;
      }).map(function (op) {
        if (!op.attributes) return op;
        var kept = {};
        Object.keys(op.attributes).forEach(function (k) {
          if (KEEP[k] && !(k === 'link' && !safeUrl(op.attributes[k]))) kept[k] = op.attributes[k];
        });
        var copy = { insert: op.insert };
        if (op.retain !== undefined) { copy = { retain: op.retain }; }
        if (Object.keys(kept).length) copy.attributes = kept;
        return copy;
      }));
    });

    // Dropped with everything inside them: their text is code or markup, never the article's words.
    // Word's fake list bullets and hidden text (mso-list:Ignore, display:none) go too.
    ['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'TITLE', 'HEAD', 'XML', 'TEXTAREA', 'SELECT', 'BUTTON'].forEach(function (tag) {
      quill.clipboard.addMatcher(tag, function () { return new Delta(); });
    });
    quill.clipboard.addMatcher(Node.ELEMENT_NODE, function (node, delta) {
      var style = (node.getAttribute && node.getAttribute('data-cp-style') || '').toLowerCase().replace(/\s+/g, '');
      if (/mso-list:ignore|display:none/.test(style)) return new Delta();
      // Google Docs and others mark emphasis with style only (Quill reads node.style, emptied by defuse).
      var marks = {};
      if (/font-weight:(bold|[6-9]00)/.test(style) && node.localName !== 'b') marks.bold = true;
      if (/font-style:italic/.test(style)) marks.italic = true;
      if (/text-decoration[a-z-]*:underline/.test(style)) marks.underline = true;
      return Object.keys(marks).length ? delta.compose(new Delta().retain(delta.length(), marks)) : delta;
    });

    function load(html) {
      pasting = false;
      quill.setContents(quill.clipboard.convert({ html: html || '' }), 'silent');
      quill.history.clear();
    }
    function sync() { textarea.value = serialize(quill.getSemanticHTML()); }
    load(textarea.value);

    function say(text) {
      message.textContent = text || '';
      message.hidden = !text;
    }

    // Every paste goes through here, before Quill's own handler (which skips a handled event): one over
    // the body's limit is refused whole with the reason; otherwise the HTML is defused first (see
    // defuse) and handed to Quill's clipboard, whose matchers above clean it. Pasted files (a
    // screenshot) are not taken: images come from the media library only.
    area.addEventListener('paste', function (e) {
      var data = e.clipboardData;
      e.preventDefault();
      e.stopImmediatePropagation();
      if (!data) return;
      var html = data.getData('text/html') || '';
      var text = data.getData('text/plain') || '';
      if (Math.max(html.length, text.length) + textarea.value.length > MAX_LENGTH) { say(T.tooLong); return; }
      say('');
      if (!html && !text) return;
      var range = quill.getSelection(true);
      pasting = true;
      try { quill.clipboard.onPaste(range, { html: html ? defuse(html) : undefined, text: text }); }
      finally { pasting = false; }
    }, true);
    // Dropped rich content would bypass the cleaning: accept plain text only.
    area.addEventListener('drop', function (e) {
      if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, 'text/html') >= 0) {
        e.preventDefault();
        var text = e.dataTransfer.getData('text/plain');
        var range = quill.getSelection(true);
        if (text) quill.insertText(range ? range.index : quill.getLength() - 1, text, 'user');
      }
    });

    var buttons = {};
    function button(command, spec, action, group) {
      var b = el('button', { type: 'button', className: 'rich-editor-button rich-editor-' + command, 'data-command': command, title: spec[1], 'aria-label': spec[1], text: spec[0] });
      b.addEventListener('mousedown', function (e) { e.preventDefault(); }); // keep the selection in the text
      b.addEventListener('click', function () { action(); update(); });
      group.appendChild(b);
      buttons[command] = b;
      return b;
    }
    function group() { var g = el('div', { className: 'rich-editor-group', role: 'group' }); toolbar.appendChild(g); return g; }
    function range() { return quill.getSelection(true) || { index: quill.getLength() - 1, length: 0 }; }
    function toggle(name, value) { var f = quill.getFormat(range()); quill.format(name, f[name] === value ? false : value, 'user'); }

    var blocks = group();
    button('p', T.p, function () { range(); quill.format('header', false, 'user'); quill.format('blockquote', false, 'user'); quill.format('list', false, 'user'); }, blocks);
    button('h2', T.h2, function () { toggle('header', 2); }, blocks);
    button('h3', T.h3, function () { toggle('header', 3); }, blocks);
    var inline = group();
    button('bold', T.bold, function () { toggle('bold', true); }, inline);
    button('italic', T.italic, function () { toggle('italic', true); }, inline);
    button('underline', T.underline, function () { toggle('underline', true); }, inline);
    var lists = group();
    button('ul', T.ul, function () { toggle('list', 'bullet'); }, lists);
    button('ol', T.ol, function () { toggle('list', 'ordered'); }, lists);
    button('quote', T.quote, function () { toggle('blockquote', true); }, lists);
    var links = group();
    button('link', T.link, function () { openLink(); }, links);
    button('unlink', T.unlink, function () { var r = range(); if (r.length) quill.formatText(r.index, r.length, 'link', false, 'user'); else quill.format('link', false, 'user'); }, links);
    button('image', T.image, function () { openMedia(); }, links);
    var tables = group();
    var tableModule = quill.getModule('table');
    button('table', T.table, function () { range(); tableModule.insertTable(3, 3); }, tables);
    button('row', T.row, function () { range(); tableModule.insertRowBelow(); }, tables);
    button('column', T.column, function () { range(); tableModule.insertColumnRight(); }, tables);
    button('dropTable', T.dropTable, function () { range(); tableModule.deleteTable(); }, tables);
    var history = group();
    button('undo', T.undo, function () { quill.history.undo(); }, history);
    button('redo', T.redo, function () { quill.history.redo(); }, history);
    button('clear', T.clear, function () { var r = range(); if (r.length) quill.removeFormat(r.index, r.length, 'user'); }, history);
    var source = button('source', T.source, toggleSource, group());

    var PRESSED = { bold: ['bold', true], italic: ['italic', true], underline: ['underline', true], h2: ['header', 2], h3: ['header', 3], ul: ['list', 'bullet'], ol: ['list', 'ordered'], quote: ['blockquote', true] };
    function update() {
      var inSource = wrapper.classList.contains('is-source');
      var sel = inSource ? null : quill.getSelection();
      var formats = sel ? quill.getFormat(sel) : {};
      Object.keys(PRESSED).forEach(function (k) {
        buttons[k].setAttribute('aria-pressed', String(formats[PRESSED[k][0]] === PRESSED[k][1]));
      });
      var inTable = !!formats.table;
      ['row', 'column', 'dropTable'].forEach(function (k) { buttons[k].disabled = inSource || !inTable; });
      Object.keys(buttons).forEach(function (k) {
        if (k !== 'source' && k !== 'row' && k !== 'column' && k !== 'dropTable') buttons[k].disabled = inSource;
      });
      source.setAttribute('aria-pressed', String(inSource));
    }

    function toggleSource() {
      if (wrapper.classList.contains('is-source')) {
        wrapper.classList.remove('is-source');
        load(textarea.value);
        area.focus();
      } else {
        sync();
        closeDialogs();
        wrapper.classList.add('is-source');
        textarea.focus();
      }
    }

    // ---- links ----
    var linkInput = el('input', { type: 'text', className: 'rich-editor-url', id: id + '-url', inputmode: 'url', autocomplete: 'off' });
    var linkError = el('p', { className: 'field-error', role: 'alert' });
    var linkInsert = el('button', { type: 'button', className: 'rich-editor-insert', text: T.insert });
    var linkCancel = el('button', { type: 'button', className: 'rich-editor-cancel', text: T.cancel });
    linkDialog.appendChild(el('label', { 'for': id + '-url', text: T.linkUrl }));
    linkDialog.appendChild(linkInput);
    linkDialog.appendChild(linkInsert);
    linkDialog.appendChild(linkCancel);
    linkDialog.appendChild(linkError);
    var linkRange = null;
    function openLink() {
      closeDialogs();
      linkRange = range();
      var current = quill.getFormat(linkRange).link;
      linkInput.value = typeof current === 'string' ? current : '';
      linkError.textContent = '';
      linkDialog.hidden = false;
      linkInput.focus();
    }
    function insertLink() {
      var url = linkInput.value.trim();
      if (!safeUrl(url)) { linkError.textContent = T.linkBad; linkInput.focus(); return; }
      var r = linkRange || range();
      if (r.length) quill.formatText(r.index, r.length, 'link', url, 'user');
      else { quill.insertText(r.index, url, { link: url }, 'user'); r = { index: r.index, length: url.length }; }
      linkDialog.hidden = true;
      quill.setSelection(r.index + r.length, 0, 'user');
    }
    linkInsert.addEventListener('click', insertLink);
    linkInput.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') { e.preventDefault(); insertLink(); }
      if (e.key === 'Escape') { e.preventDefault(); linkDialog.hidden = true; quill.focus(); }
    });
    linkCancel.addEventListener('click', function () { linkDialog.hidden = true; quill.focus(); });
    quill.keyboard.addBinding({ key: 'k', shortKey: true }, function () { openLink(); return false; });

    // ---- images from the media library (its JSON list: /admin/media?handler=Json) ----
    var mediaSearch = el('input', { type: 'search', className: 'rich-editor-media-search', 'aria-label': T.mediaSearch, placeholder: T.mediaSearch });
    var mediaResults = el('div', { className: 'rich-editor-media-results' });
    var mediaAlt = el('input', { type: 'text', className: 'rich-editor-alt', id: id + '-alt', maxlength: '1000', lang: 'vi' });
    var mediaError = el('p', { className: 'field-error', role: 'alert' });
    var mediaInsert = el('button', { type: 'button', className: 'rich-editor-insert-image', text: T.insert });
    var mediaCancel = el('button', { type: 'button', text: T.cancel });
    mediaDialog.appendChild(el('p', { className: 'rich-editor-media-title', text: T.mediaTitle }));
    mediaDialog.appendChild(mediaSearch);
    mediaDialog.appendChild(mediaResults);
    mediaDialog.appendChild(el('label', { 'for': id + '-alt', text: T.alt }));
    mediaDialog.appendChild(mediaAlt);
    mediaDialog.appendChild(mediaInsert);
    mediaDialog.appendChild(mediaCancel);
    mediaDialog.appendChild(mediaError);
    var mediaRange = null, chosen = null, searchTimer = null;
    function loadMedia() {
      mediaResults.textContent = T.mediaLoading;
      fetch('/admin/media?handler=Json&images=true&page=1&q=' + encodeURIComponent(mediaSearch.value || ''), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) {
          if (r.status === 403) throw new Error(T.mediaForbidden);
          if (!r.ok) throw new Error(T.mediaFailed);
          return r.json();
        })
        .then(function (data) {
          mediaResults.textContent = '';
          var items = (data.items || []).filter(function (f) { return f.isImage; });
          if (!items.length) { mediaResults.appendChild(el('p', { text: T.mediaNone })); return; }
          items.forEach(function (file) {
            var b = el('button', { type: 'button', className: 'rich-editor-media-item', 'aria-pressed': 'false', 'data-media-id': file.id }, [
              el('img', { src: file.thumbnail || file.url, alt: '' }), el('span', { text: file.name })
            ]);
            b.addEventListener('click', function () {
              Array.prototype.forEach.call(mediaResults.querySelectorAll('button'), function (x) { x.setAttribute('aria-pressed', 'false'); });
              b.setAttribute('aria-pressed', 'true');
              chosen = file;
              mediaAlt.value = file.alt || '';
              mediaError.textContent = '';
              mediaAlt.focus();
            });
            mediaResults.appendChild(b);
          });
        })
        .catch(function (err) { mediaResults.textContent = err && err.message ? err.message : T.mediaFailed; });
    }
    function openMedia() {
      closeDialogs();
      mediaRange = range();
      chosen = null;
      mediaAlt.value = '';
      mediaError.textContent = '';
      mediaDialog.hidden = false;
      mediaSearch.focus();
      loadMedia();
    }
    mediaSearch.addEventListener('input', function () { clearTimeout(searchTimer); searchTimer = setTimeout(loadMedia, 250); });
    mediaInsert.addEventListener('click', function () {
      if (!chosen) { mediaError.textContent = T.pickFirst; return; }
      var alt = mediaAlt.value.trim();
      if (!alt) { mediaError.textContent = T.altRequired; mediaAlt.focus(); return; }
      var r = mediaRange || range();
      quill.insertEmbed(r.index, 'image', chosen.url, 'user');
      quill.formatText(r.index, 1, 'alt', alt, 'user');
      quill.setSelection(r.index + 1, 0, 'user');
      mediaDialog.hidden = true;
    });
    mediaCancel.addEventListener('click', function () { mediaDialog.hidden = true; quill.focus(); });

    function closeDialogs() { linkDialog.hidden = true; mediaDialog.hidden = true; }

    quill.on('text-change', function () { sync(); });
    quill.on('editor-change', function () { update(); });
    if (textarea.form) textarea.form.addEventListener('submit', function () { if (!wrapper.classList.contains('is-source')) sync(); });
    update();
  }

  function enhanceAll(root) {
    var scope = root || document;
    if (scope.matches && scope.matches('textarea[data-rich-editor]')) { enhance(scope); return; }
    Array.prototype.forEach.call(scope.querySelectorAll('textarea[data-rich-editor]'), enhance);
  }

  window.richEditor = { enhance: enhanceAll, clean: serialize };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { enhanceAll(); });
  else enhanceAll();
})();
