// Admin behaviour without inline script (the CSP forbids it): confirmation before destructive actions.
document.addEventListener('submit', function (e) {
  var form = e.target;
  var message = form.getAttribute('data-confirm') || (e.submitter && e.submitter.getAttribute('data-confirm'));
  if (message && !window.confirm(message)) e.preventDefault();
}, true);
