// Account pages: the "Print" button of the recovery codes (an external file: the CSP allows no inline script).
document.querySelectorAll('[data-print]').forEach(function (button) {
  button.addEventListener('click', function () { window.print(); });
});
