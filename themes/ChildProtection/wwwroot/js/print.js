// The print view's "print" button (a file, not inline script: the site's CSP allows no inline script).
(function () {
  'use strict';
  var button = document.getElementById('print-button');
  if (!button || typeof window.print !== 'function') return;
  button.hidden = false;
  button.addEventListener('click', function () { window.print(); });
})();
