// Media library uploads, without inline script (the CSP forbids it): drop or choose many files; each is
// sent on its own request with a progress bar and a cancel button. Without script the form posts them all.
(function () {
  'use strict';
  var form = document.getElementById('media-upload');
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var input = document.getElementById('media-files');
  var zone = document.getElementById('media-dropzone');
  var queue = document.getElementById('media-queue');
  var token = form.querySelector('input[name="__RequestVerificationToken"]');
  var folder = form.querySelector('input[name="folder"]');
  var maxBytes = parseInt(form.getAttribute('data-max-bytes'), 10) || 0;
  var pending = [];
  var running = 0;
  var MAX_PARALLEL = 2;
  var uploadedAny = false;

  function text(key) { return form.getAttribute('data-' + key) || key; }

  function row(file) {
    var li = document.createElement('li');
    var name = document.createElement('span'); name.textContent = file.name;
    var bar = document.createElement('progress'); bar.max = 100; bar.value = 0;
    bar.setAttribute('aria-label', file.name);
    var cancel = document.createElement('button'); cancel.type = 'button'; cancel.textContent = text('cancel');
    var status = document.createElement('span'); status.className = 'status'; status.setAttribute('role', 'status');
    li.appendChild(name); li.appendChild(bar); li.appendChild(cancel); li.appendChild(status);
    queue.appendChild(li);
    return { li: li, bar: bar, cancel: cancel, status: status };
  }

  function finish(item, ok, message) {
    item.ui.cancel.disabled = true;
    item.ui.status.textContent = message;
    item.ui.status.className = 'status ' + (ok ? 'ok' : 'bad');
    if (ok) { item.ui.bar.value = 100; uploadedAny = true; }
    running--;
    next();
  }

  function start(item) {
    running++;
    var data = new FormData();
    data.append('files', item.file, item.file.name);
    data.append('folder', folder ? folder.value : '');
    if (token) data.append('__RequestVerificationToken', token.value);
    var xhr = new XMLHttpRequest();
    item.xhr = xhr;
    xhr.open('POST', form.action);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) item.ui.bar.value = Math.round(e.loaded * 100 / e.total);
    });
    xhr.addEventListener('load', function () {
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (err) { body = null; }
      if (xhr.status >= 200 && xhr.status < 300 && body && body.stored && body.stored.length) {
        finish(item, true, '');
        var link = document.createElement('a');
        link.href = body.stored[0].edit; link.textContent = text('done');
        item.ui.status.appendChild(link);
      } else {
        finish(item, false, body && body.errors && body.errors.length ? body.errors.join(' ') : text('failed') + ' (' + xhr.status + ')');
      }
    });
    xhr.addEventListener('error', function () { finish(item, false, text('failed')); });
    xhr.addEventListener('abort', function () { finish(item, false, text('cancelled')); });
    xhr.send(data);
  }

  function next() {
    while (running < MAX_PARALLEL && pending.length) start(pending.shift());
    if (running === 0 && !pending.length && uploadedAny) {
      // Show the new files in the list once everything has finished.
      var reload = document.createElement('a');
      reload.href = window.location.href; reload.className = 'btn'; reload.textContent = '↻';
      reload.setAttribute('aria-label', 'reload');
      if (!document.getElementById('media-reload')) { reload.id = 'media-reload'; queue.appendChild(reload); }
    }
  }

  function add(files) {
    Array.prototype.forEach.call(files, function (file) {
      var ui = row(file);
      var item = { file: file, ui: ui, xhr: null };
      ui.cancel.addEventListener('click', function () {
        var i = pending.indexOf(item);
        if (i >= 0) { pending.splice(i, 1); running++; finish(item, false, text('cancelled')); }
        else if (item.xhr) item.xhr.abort();
      });
      if (maxBytes && file.size > maxBytes) { running++; finish(item, false, text('too-large').replace('{name}', file.name)); return; }
      pending.push(item);
    });
    next();
  }

  input.addEventListener('change', function () { add(input.files); input.value = ''; });
  ['dragenter', 'dragover'].forEach(function (type) {
    zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.remove('over'); });
  });
  zone.addEventListener('drop', function (e) { if (e.dataTransfer && e.dataTransfer.files) add(e.dataTransfer.files); });
  form.addEventListener('submit', function (e) { e.preventDefault(); if (input.files.length) add(input.files); });
})();
