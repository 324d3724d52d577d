// Public forms on pages the output cache shares between visitors carry no antiforgery token: a token is
// personal. For every <form data-antiforgery="/bieu-mau/ma-xac-thuc" data-antiforgery-field="…"> this
// script asks the site for a token when the form is first focused (so sending is instant) or, at the
// latest, when it is sent, and adds it as a hidden field before the form goes. If the request fails the
// form is sent as it is: the site answers with the same form, what was typed, a token and a request to
// press the button once more, exactly as it does for a browser without JavaScript (see PublicForms.cs).
(function () {
  'use strict';

  function protect(form) {
    var url = form.getAttribute('data-antiforgery');
    var name = form.getAttribute('data-antiforgery-field') || '__RequestVerificationToken';
    var pending = null;
    var tried = false;

    function field() {
      var inputs = form.querySelectorAll('input[type="hidden"]');
      for (var i = 0; i < inputs.length; i++) if (inputs[i].name === name) return inputs[i];
      return null;
    }

    function hasToken() {
      var input = field();
      return !!(input && input.value);
    }

    function fetchToken() {
      if (hasToken()) return Promise.resolve();
      if (!pending) {
        pending = fetch(url, { method: 'GET', credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } })
          .then(function (response) {
            if (!response.ok) throw new Error('token ' + response.status);
            return response.json();
          })
          .then(function (answer) {
            var input = field();
            if (!input) {
              input = document.createElement('input');
              input.type = 'hidden';
              input.name = answer.field || name;
              form.insertBefore(input, form.firstChild);
            }
            input.value = answer.token;
          })
          .catch(function () { pending = null; });
      }
      return pending;
    }

    form.addEventListener('focusin', function () { fetchToken(); }, { once: true });
    form.addEventListener('submit', function (event) {
      // A token already there (fetched on focus, or put inline by the site), or one attempt made: let it go.
      if (hasToken() || tried) return;
      event.preventDefault();
      var submitter = event.submitter || null;
      if (submitter) submitter.disabled = true;
      fetchToken().then(function () {
        tried = true;
        if (submitter) submitter.disabled = false;
        if (typeof form.requestSubmit === 'function') form.requestSubmit(submitter);
        else form.submit();
      });
    });
  }

  var forms = document.querySelectorAll('form[data-antiforgery]');
  for (var i = 0; i < forms.length; i++) protect(forms[i]);
})();
