/* Show, under a "figure as worded" field, how the server reads the wording: qualifier, value, interval. */
'use strict';
(function () {
  const timers = new WeakMap();

  function output(input) {
    let out = input.parentElement.querySelector('.figure-preview');
    if (!out) {
      out = document.createElement('div');
      out.className = 'figure-preview';
      out.setAttribute('aria-live', 'polite');
      input.insertAdjacentElement('afterend', out);
    }
    return out;
  }

  async function preview(input) {
    const wording = input.value.trim();
    const out = output(input);
    if (!wording) {
      out.className = 'figure-preview';
      out.textContent = '';
      return;
    }
    let response, data;
    try {
      response = await fetch(input.dataset.previewUrl + '?wording=' + encodeURIComponent(wording),
        {credentials: 'same-origin', headers: {'Accept': 'application/json'}});
      data = await response.json();
    } catch (error) {
      return;  // the form still checks the wording when it is saved
    }
    if (input.value.trim() !== wording) {
      return;  // the editor kept typing
    }
    if (response.ok) {
      out.className = 'figure-preview ok';
      out.textContent = 'Reads as ' + data.qualifier_label + ' ' + data.value_text +
        ' — qualifier: ' + data.qualifier_label + ', value: ' + data.value_text + ', interval: ' + data.interval;
    } else {
      out.className = 'figure-preview error';
      out.textContent = data.error;
    }
  }

  document.addEventListener('input', function (event) {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.dataset.previewUrl) {
      return;
    }
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(function () { preview(input); }, 250));
  });

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('input[data-preview-url]').forEach(function (input) {
      if (input.value.trim() && !input.disabled) {
        preview(input);
      }
    });
  });
})();
