/*
 * rich-editor.js: the admin's shared WYSIWYG HTML editor (plain JavaScript, no dependencies; the CSP
 * allows no inline script and no remote source, so this file and rich-editor.css are all there is).
 *
 * HOW TO USE IT (any module, any admin page that uses _AdminLayout, which loads both files):
 *
 *     <label for="Body">Nội dung</label>
 *     <textarea id="Body" name="Body" data-rich-editor>@Model.Body</textarea>
 *
 * That attribute is the whole contract. The textarea stays the form field: it is hidden behind a
 * toolbar and an editable area, kept in sync on input and on submit, and shown again by the "HTML"
 * button to see or edit the source. Without JavaScript the plain textarea works as before. The
 * server must still sanitise what it receives (IHtmlSanitizing in Core: BodyPart and HtmlField do);
 * the cleaning here only keeps pasted Word/web junk out of the editor. For textareas added to the
 * page later, call window.richEditor.enhance(element).
 *
 * document.execCommand is deprecated but every browser still supports it for contenteditable; it
 * keeps the browser's own undo history, which is why it is used here.
 */
(function () {
  'use strict';

  // Vietnamese labels (the admin's language); [visible text, aria-label / title].
  var T = {
    toolbar: 'Định dạng văn bản',
    area: 'Nội dung',
    p: ['¶', 'Đoạn văn'],
    h2: ['H2', 'Tiêu đề cấp 2'],
    h3: ['H3', 'Tiêu đề cấp 3'],
    bold: ['B', 'In đậm (Ctrl+B)'],
    italic: ['I', 'In nghiêng (Ctrl+I)'],
    underline: ['U', 'Gạch chân (Ctrl+U)'],
    ul: ['• ≡', 'Danh sách dấu chấm'],
    ol: ['1. ≡', 'Danh sách đánh số'],
    quote: ['❝', 'Trích dẫn'],
    link: ['Liên kết', 'Chèn liên kết (Ctrl+K)'],
    unlink: ['Bỏ liên kết', 'Bỏ liên kết'],
    undo: ['↺', 'Hoàn tác (Ctrl+Z)'],
    redo: ['↻', 'Làm lại (Ctrl+Y)'],
    clear: ['Tx', 'Xoá định dạng'],
    source: ['HTML', 'Xem và sửa mã HTML'],
    linkUrl: 'Địa chỉ liên kết',
    linkInsert: 'Chèn',
    linkCancel: 'Huỷ',
    linkBad: 'Địa chỉ không hợp lệ. Dùng http://, https://, mailto:, tel: hoặc đường dẫn bắt đầu bằng /.'
  };

  // What the editor keeps (the server's allow-list is wider; this is what the toolbar and paste need).
  var KEEP = {
    p: 1, br: 1, hr: 1, h2: 1, h3: 1, h4: 1, h5: 1, h6: 1, strong: 1, em: 1, u: 1, s: 1, sub: 1, sup: 1,
    blockquote: 1, ul: 1, ol: 1, li: 1, a: 1, img: 1, figure: 1, figcaption: 1, code: 1, pre: 1,
    table: 1, caption: 1, thead: 1, tbody: 1, tfoot: 1, tr: 1, th: 1, td: 1
  };
  var RENAME = { b: 'strong', i: 'em', h1: 'h2', strike: 's', del: 's', ins: 'u' };
  // Dropped with everything inside them.
  var DROP = {
    script: 1, style: 1, link: 1, meta: 1, title: 1, head: 1, template: 1, noscript: 1, iframe: 1, frame: 1,
    object: 1, embed: 1, applet: 1, svg: 1, math: 1, form: 1, input: 1, button: 1, select: 1, textarea: 1,
    xml: 1, audio: 1, video: 1, canvas: 1
  };
  var BLOCK = /^(p|div|h[1-6]|blockquote|ul|ol|li|table|thead|tbody|tfoot|tr|td|th|caption|figure|figcaption|pre|hr|section|article|header|footer|aside|nav|main|dl|dt|dd|address)$/;
  var ATTRS = { a: ['href', 'title'], img: ['src', 'alt', 'width', 'height'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan', 'scope'] };

  /** The URL if it is safe to keep (http, https, mailto, tel or relative), otherwise null. */
  function safeUrl(url, forImage) {
    url = (url || '').trim();
    if (!url) return null;
    var bare = url.replace(/[\u0000-\u0020\u007f-\u00a0]/g, '').toLowerCase();
    var scheme = /^([a-z][a-z0-9+.\-]*):/.exec(bare);
    if (!scheme) return /^[\/#?.]|^[^:]*$/.test(bare) ? url : null;
    var allowed = forImage ? ['http', 'https'] : ['http', 'https', 'mailto', 'tel'];
    return allowed.indexOf(scheme[1]) >= 0 ? url : null;
  }

  /** Copies src's children into dest, keeping only allowed elements and attributes. */
  function cleanChildren(src, dest) {
    for (var n = src.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) { dest.appendChild(document.createTextNode(n.data)); continue; }
      if (n.nodeType !== 1) continue; // comments (Word's <!--[if ...]> included), processing instructions
      var tag = n.localName.toLowerCase();
      if (DROP[tag]) continue;
      var style = (n.getAttribute('data-cp-style') || '').toLowerCase().replace(/\s+/g, '');
      if (/mso-list:ignore|display:none/.test(style)) continue; // Word's fake bullets, hidden text
      var name = RENAME[tag] || tag;
      if (tag === 'b' && /font-weight:(normal|[1-4]00)/.test(style)) name = null; // Google Docs' wrapper
      if (tag === 'span') {
        // Google Docs and others mark emphasis with style only.
        name = /font-weight:(bold|[6-9]00)/.test(style) ? 'strong' : /font-style:italic/.test(style) ? 'em'
          : /text-decoration:underline/.test(style) ? 'u' : null;
      }
      if (tag === 'div') name = hasBlockChild(n) ? null : 'p';
      if (!name || !KEEP[name]) { cleanChildren(n, dest); continue; } // unwrap: keep the text
      var el = document.createElement(name);
      (ATTRS[name] || []).forEach(function (attr) {
        var value = n.getAttribute(attr);
        if (value === null) return;
        if (attr === 'href' || attr === 'src') value = safeUrl(value, attr === 'src');
        if (value !== null) el.setAttribute(attr, value);
      });
      if (name === 'img' && !el.hasAttribute('src')) continue; // data: and file: images are not kept
      if (name === 'a' && !el.hasAttribute('href')) { cleanChildren(n, dest); continue; } // a refused link keeps its text
      cleanChildren(n, el);
      dest.appendChild(el);
    }
  }

  function hasBlockChild(el) {
    for (var c = el.firstElementChild; c; c = c.nextElementSibling) if (BLOCK.test(c.localName)) return true;
    return false;
  }

  /**
   * Parses HTML in an inert document (nothing runs or loads) and returns a cleaned fragment. Style and
   * on* attributes are renamed first: even an inert parse reports them as CSP violations.
   */
  function clean(html) {
    html = (html || '').replace(/<[a-zA-Z][^>]*>/g, function (tag) {
      return tag.replace(/(\s)(style|on[a-z]+)(\s*=)/gi, '$1data-cp-$2$3');
    });
    var doc = new DOMParser().parseFromString('<!DOCTYPE html><body>' + html, 'text/html');
    var fragment = document.createDocumentFragment();
    cleanChildren(doc.body, fragment);
    return fragment;
  }

  /** The cleaned fragment's nodes in a <div>, loose top-level text and inline elements wrapped in <p>. */
  function blocks(fragment) {
    var out = document.createElement('div');
    var paragraph = null;
    while (fragment.firstChild) {
      var n = fragment.firstChild;
      if (n.nodeType === 1 && BLOCK.test(n.localName)) { paragraph = null; out.appendChild(n); continue; }
      if (!paragraph) {
        if ((n.nodeType === 3 && !n.data.trim()) || (n.nodeType === 1 && n.localName === 'br')) { fragment.removeChild(n); continue; }
        paragraph = out.appendChild(document.createElement('p'));
      }
      paragraph.appendChild(n);
    }
    return out;
  }

  /** Cleaned HTML for the form field; an empty editor gives "". */
  function serialize(html) {
    var out = blocks(clean(html));
    // A trailing <br> the browser keeps to hold a caret says nothing.
    out.querySelectorAll('br').forEach(function (br) {
      if (!br.nextSibling && br.parentNode !== out && br.previousSibling) br.parentNode.removeChild(br);
    });
    if (!out.textContent.trim() && !out.querySelector('img,hr,table')) return '';
    return out.innerHTML;
  }

  /** Source view: one block per line so a person can read it. */
  function pretty(html) {
    return html.replace(/(<\/(p|h[1-6]|blockquote|ul|ol|li|table|thead|tbody|tfoot|tr|figure|pre)>|<br>|<hr>)(?!\n)/g, '$1\n').trim();
  }

  function button(key, command, toggle) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'rich-editor-button rich-editor-' + key;
    b.textContent = T[key][0];
    b.title = T[key][1];
    b.setAttribute('aria-label', T[key][1]);
    b.setAttribute('data-command', command);
    if (toggle) b.setAttribute('aria-pressed', 'false');
    b.tabIndex = -1;
    return b;
  }

  var counter = 0;

  /** Turns one <textarea data-rich-editor> into the editor. Safe to call twice. */
  function enhance(textarea) {
    if (textarea.richEditor || textarea.disabled || textarea.readOnly || typeof document.execCommand !== 'function') return;
    var id = textarea.id || (textarea.id = 'rich-editor-' + (++counter));
    var wrapper = document.createElement('div');
    wrapper.className = 'rich-editor';
    textarea.parentNode.insertBefore(wrapper, textarea);

    // Toolbar: a group of block buttons, inline buttons, lists and links, history, source.
    var toolbar = document.createElement('div');
    toolbar.className = 'rich-editor-toolbar';
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', T.toolbar);
    toolbar.setAttribute('aria-controls', id + '-area');
    var groups = [
      [button('p', 'block:p', true), button('h2', 'block:h2', true), button('h3', 'block:h3', true)],
      [button('bold', 'bold', true), button('italic', 'italic', true), button('underline', 'underline', true)],
      [button('ul', 'insertUnorderedList', true), button('ol', 'insertOrderedList', true), button('quote', 'block:blockquote', true)],
      [button('link', 'link'), button('unlink', 'unlink')],
      [button('undo', 'undo'), button('redo', 'redo'), button('clear', 'removeFormat')],
      [button('source', 'source', true)]
    ];
    groups.forEach(function (group) {
      var g = document.createElement('span');
      g.className = 'rich-editor-group';
      group.forEach(function (b) { g.appendChild(b); });
      toolbar.appendChild(g);
    });
    var buttons = Array.prototype.slice.call(toolbar.querySelectorAll('button'));
    buttons[0].tabIndex = 0;

    // The link dialog: a small inline panel (not a <form>: it lives inside the page's form).
    var dialog = document.createElement('div');
    dialog.className = 'rich-editor-dialog';
    dialog.hidden = true;
    dialog.setAttribute('role', 'group');
    dialog.setAttribute('aria-label', T.link[1]);
    var urlLabel = document.createElement('label');
    urlLabel.textContent = T.linkUrl + ' ';
    var urlInput = document.createElement('input');
    urlInput.type = 'text';
    urlInput.inputMode = 'url';
    urlInput.className = 'rich-editor-url';
    urlInput.id = id + '-url';
    urlInput.setAttribute('autocomplete', 'off');
    urlInput.placeholder = 'https://';
    urlLabel.setAttribute('for', urlInput.id);
    var insert = document.createElement('button');
    insert.type = 'button';
    insert.className = 'rich-editor-insert';
    insert.textContent = T.linkInsert;
    var cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'rich-editor-cancel';
    cancel.textContent = T.linkCancel;
    var urlError = document.createElement('p');
    urlError.className = 'field-error';
    urlError.id = id + '-url-error';
    urlError.hidden = true;
    urlError.setAttribute('role', 'alert');
    [urlLabel, urlInput, insert, cancel, urlError].forEach(function (el) { dialog.appendChild(el); });

    // The editable area, labelled by the textarea's own label.
    var area = document.createElement('div');
    area.className = 'rich-editor-area';
    area.id = id + '-area';
    area.contentEditable = 'true';
    area.setAttribute('role', 'textbox');
    area.setAttribute('aria-multiline', 'true');
    area.spellcheck = true;
    area.lang = 'vi';
    var label = document.querySelector('label[for="' + id + '"]');
    if (label) {
      label.id = label.id || id + '-label';
      area.setAttribute('aria-labelledby', label.id);
      label.addEventListener('click', function (e) { if (!wrapper.classList.contains('is-source')) { e.preventDefault(); area.focus(); } });
    } else {
      area.setAttribute('aria-label', textarea.getAttribute('aria-label') || T.area);
    }
    ['aria-describedby', 'aria-invalid'].forEach(function (a) { if (textarea.getAttribute(a)) area.setAttribute(a, textarea.getAttribute(a)); });
    if (textarea.required) {
      // A hidden required field would block the form with a message nobody can see: the server checks.
      area.setAttribute('aria-required', 'true');
      textarea.required = false;
    }

    wrapper.appendChild(toolbar);
    wrapper.appendChild(dialog);
    wrapper.appendChild(area);
    wrapper.appendChild(textarea);
    textarea.richEditor = true;
    textarea.classList.add('rich-editor-source');

    function load(html) {
      area.innerHTML = '';
      area.appendChild(clean(serialize(html)));
      if (!area.firstChild) area.innerHTML = '<p><br></p>';
    }
    load(textarea.value);

    var timer = 0;
    function sync() {
      clearTimeout(timer);
      if (!wrapper.classList.contains('is-source')) textarea.value = serialize(area.innerHTML);
    }
    area.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(sync, 250); });
    area.addEventListener('blur', sync);
    if (textarea.form) textarea.form.addEventListener('submit', sync, true);

    // The selection is remembered so toolbar clicks and the link dialog act where the person was.
    var saved = null;
    function inside(node) { return node && (node === area || area.contains(node)); }
    document.addEventListener('selectionchange', function () {
      var s = window.getSelection();
      if (s.rangeCount && inside(s.anchorNode)) { saved = s.getRangeAt(0).cloneRange(); updateState(); }
    });
    function restore() {
      area.focus();
      if (saved) { var s = window.getSelection(); s.removeAllRanges(); s.addRange(saved); }
    }

    function exec(command, value) {
      restore();
      document.execCommand(command, false, value);
      sync();
      updateState();
    }

    function currentBlock() {
      var v = (document.queryCommandValue('formatBlock') || '').toLowerCase();
      return v === 'div' ? 'p' : v;
    }

    function updateState() {
      if (wrapper.classList.contains('is-source')) return;
      var block = currentBlock();
      buttons.forEach(function (b) {
        var c = b.getAttribute('data-command');
        if (!b.hasAttribute('aria-pressed') || c === 'source') return;
        var on = c.indexOf('block:') === 0 ? c.slice(6) === block : document.queryCommandState(c);
        b.setAttribute('aria-pressed', on ? 'true' : 'false');
      });
    }

    function setSource(on) {
      if (on) {
        sync();
        textarea.value = pretty(textarea.value);
      } else {
        load(textarea.value);
        textarea.value = serialize(area.innerHTML);
        saved = null;
      }
      wrapper.classList.toggle('is-source', on);
      buttons.forEach(function (b) {
        var isSource = b.getAttribute('data-command') === 'source';
        if (isSource) b.setAttribute('aria-pressed', on ? 'true' : 'false');
        else b.disabled = on;
        // Keep the toolbar reachable with Tab: in source mode only the HTML button is.
        b.tabIndex = (on ? isSource : b === buttons[0]) ? 0 : -1;
      });
      (on ? textarea : area).focus();
    }

    // Link dialog.
    function openLink() {
      var s = window.getSelection();
      var a = s.rangeCount && inside(s.anchorNode) ? closest(s.anchorNode, 'a') : null;
      urlInput.value = a ? a.getAttribute('href') : '';
      urlError.hidden = true;
      urlInput.removeAttribute('aria-invalid');
      dialog.hidden = false;
      urlInput.focus();
    }
    function closeLink() { dialog.hidden = true; restore(); }
    function applyLink() {
      var url = urlInput.value.trim();
      if (url && !/^[a-z][a-z0-9+.\-]*:|^[\/#?.]/i.test(url)) url = (/^[^\s@]+@[^\s@]+$/.test(url) ? 'mailto:' : 'https://') + url;
      if (!safeUrl(url) || /\s/.test(url)) {
        urlError.textContent = T.linkBad;
        urlError.hidden = false;
        urlInput.setAttribute('aria-invalid', 'true');
        urlInput.setAttribute('aria-describedby', urlError.id);
        urlInput.focus();
        return;
      }
      dialog.hidden = true;
      restore();
      var s = window.getSelection();
      if (!s.rangeCount || s.isCollapsed) {
        var a = document.createElement('a');
        a.href = url;
        a.textContent = url;
        document.execCommand('insertHTML', false, a.outerHTML);
      } else {
        document.execCommand('createLink', false, url);
      }
      sync();
      updateState();
    }

    function closest(node, name) {
      for (; node && node !== area; node = node.parentNode) if (node.nodeType === 1 && node.localName === name) return node;
      return null;
    }

    // Toolbar: clicks keep the selection (mousedown would move focus), arrow keys move between buttons.
    toolbar.addEventListener('mousedown', function (e) { if (e.target.closest('button')) e.preventDefault(); });
    toolbar.addEventListener('click', function (e) {
      var b = e.target.closest('button');
      if (!b || b.disabled) return;
      var c = b.getAttribute('data-command');
      if (c === 'source') setSource(!wrapper.classList.contains('is-source'));
      else if (c === 'link') openLink();
      else if (c.indexOf('block:') === 0) {
        var tag = c.slice(6);
        restore();
        // A second press of "quote" (or a heading) returns to a paragraph.
        exec('formatBlock', '<' + (currentBlock() === tag && tag !== 'p' ? 'p' : tag) + '>');
      } else {
        exec(c);
      }
    });
    toolbar.addEventListener('keydown', function (e) {
      var enabled = buttons.filter(function (b) { return !b.disabled; });
      var i = enabled.indexOf(document.activeElement);
      if (i < 0) return;
      var next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? enabled.length - 1 : null;
      if (next === null) return;
      e.preventDefault();
      next = (next + enabled.length) % enabled.length;
      buttons.forEach(function (b) { b.tabIndex = -1; });
      enabled[next].tabIndex = 0;
      enabled[next].focus();
    });

    insert.addEventListener('click', applyLink);
    cancel.addEventListener('click', closeLink);
    urlInput.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') { e.preventDefault(); applyLink(); } // Enter must not submit the page's form
      else if (e.key === 'Escape') { e.preventDefault(); closeLink(); }
    });
    area.addEventListener('keydown', function (e) {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') { e.preventDefault(); openLink(); }
    });

    /**
     * Inserts cleaned content at the caret. Inline content goes through insertHTML (the browser's undo
     * knows it); blocks are placed by hand, splitting the block at the caret, because Chrome's
     * insertHTML wraps pasted blocks in style spans that the CSP then reports.
     */
    function insertClean(fragment) {
      var holder = blocks(fragment);
      var s = window.getSelection();
      if (!s.rangeCount || !inside(s.anchorNode)) { restore(); s = window.getSelection(); }
      var range = s.getRangeAt(0);
      var multi = holder.children.length > 1 || (holder.firstElementChild && holder.firstElementChild.localName !== 'p');
      if (!multi) {
        document.execCommand('insertHTML', false, holder.firstElementChild ? holder.firstElementChild.innerHTML : '');
        return;
      }
      range.deleteContents();
      var block = range.startContainer;
      if (block === area) {
        block = area.childNodes[range.startOffset - 1] || null; // the caret sits between top-level blocks
      } else {
        while (block.parentNode !== area) block = block.parentNode;
        var tail = document.createRange();
        tail.setStart(range.startContainer, range.startOffset);
        tail.setEndAfter(block);
        var rest = tail.extractContents().firstChild;
        if (rest && (rest.textContent.trim() || rest.querySelector && rest.querySelector('img'))) holder.appendChild(rest);
      }
      var last = holder.lastChild;
      var before = block ? block.nextSibling : area.firstChild;
      while (holder.firstChild) area.insertBefore(holder.firstChild, before);
      if (block && block.nodeType === 1 && !block.textContent.trim() && !block.querySelector('img')) area.removeChild(block);
      var caret = document.createRange();
      caret.selectNodeContents(last);
      caret.collapse(false);
      s.removeAllRanges();
      s.addRange(caret);
      area.dispatchEvent(new Event('input'));
    }

    // Paste: keep structure, drop styles, classes, fonts, comments, Office markup and anything active.
    area.addEventListener('paste', function (e) {
      var data = e.clipboardData;
      if (!data) return;
      var html = data.getData('text/html');
      var text = data.getData('text/plain');
      if (!html && !text) return; // files, images: let the browser refuse them
      e.preventDefault();
      if (html) insertClean(clean(html.replace(/^[\s\S]*<!--StartFragment-->|<!--EndFragment-->[\s\S]*$/g, '')));
      else document.execCommand('insertText', false, text);
      sync();
    });
    // Dropped rich content would bypass the cleaning: accept plain text only.
    area.addEventListener('drop', function (e) {
      if (e.dataTransfer && e.dataTransfer.types.indexOf('text/html') >= 0) {
        e.preventDefault();
        var text = e.dataTransfer.getData('text/plain');
        if (text) document.execCommand('insertText', false, text);
      }
    });
  }

  function enhanceAll(root) {
    var scope = root || document;
    if (scope.matches && scope.matches('textarea[data-rich-editor]')) { enhance(scope); return; }
    Array.prototype.forEach.call(scope.querySelectorAll('textarea[data-rich-editor]'), enhance);
  }

  try { document.execCommand('defaultParagraphSeparator', false, 'p'); } catch (e) { /* older browsers */ }
  window.richEditor = { enhance: enhanceAll, clean: serialize };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { enhanceAll(); });
  else enhanceAll();
})();
