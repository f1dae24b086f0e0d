/* Progressive touches for the public pages; everything works without this file. */
(function () {
  "use strict";

  // Filters: apply a side or kind as soon as it is chosen.
  document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
    select.addEventListener("change", function () {
      var page = select.form.querySelector("input[name=page]");
      if (page) page.remove();
      select.form.submit();
    });
  });

  // Dispute page: pointing at a chart mark or a flag lights up the claims it concerns.
  function light(ids, on) {
    ids.forEach(function (id) {
      document.querySelectorAll('[data-claim="' + id + '"]').forEach(function (el) {
        el.classList.toggle("is-active", on);
      });
    });
  }
  function bind(el, ids) {
    ["mouseenter", "focusin"].forEach(function (type) {
      el.addEventListener(type, function () { light(ids, true); });
    });
    ["mouseleave", "focusout"].forEach(function (type) {
      el.addEventListener(type, function () { light(ids, false); });
    });
  }
  document.querySelectorAll(".chart-mark[data-claim]").forEach(function (mark) {
    bind(mark, [mark.getAttribute("data-claim")]);
  });
  document.querySelectorAll(".flag[data-claims]").forEach(function (flag) {
    bind(flag, flag.getAttribute("data-claims").split(" "));
  });
})();
