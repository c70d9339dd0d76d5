/* A quarterly return filled in a browser (written by planportal returns --format html).
   Saving checks what was typed, then saves the return as the CSV planportal collect reads: the
   About lines, a blank line, the headings, and a row per action (the grey cells as the page holds
   them in data attributes, then what was typed). Nothing is sent anywhere: the file is made here.
   What is typed is kept in this browser (localStorage) until the return is saved. Loaded as a
   file, never inline, so that the page's Content-Security-Policy can refuse inline scripts. */
"use strict";

(function () {
  const form = document.getElementById("return-form");
  const main = document.getElementById("return");
  if (!form || !main) {
    return;
  }
  const keys = JSON.parse(form.dataset.keys);
  const headings = JSON.parse(form.dataset.headings);
  const about = JSON.parse(main.dataset.about);
  const fileName = main.dataset.file;
  const store = "planportal-return:" + fileName;
  const FORMULA = /^'*[=+@\t\r]|^'*-[^\s\d]/;  // as exchange/files.py csv_cell: text a spreadsheet would run

  function csvCell(text) {
    const value = FORMULA.test(text) ? "'" + text : text;
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  function fields(fieldset) {
    const found = {};
    fieldset.querySelectorAll("[data-key]").forEach(function (field) {
      found[field.dataset.key] = field;
    });
    return found;
  }

  function actionName(fieldset) {
    return fieldset.querySelector(".address").textContent;
  }

  /* What is wrong with one action's boxes, each [field, message]; none when it is left blank. */
  function problemsOf(fieldset) {
    const f = fields(fieldset);
    const value = function (key) { return f[key].value.trim(); };
    if (!Object.keys(f).some(function (key) { return value(key); })) {
      return [];
    }
    const found = [];
    if (!value("note")) {
      found.push([f.note, "Write a progress note: what happened, in a sentence or two"]);
    }
    const date = f.date;
    if (!value("date")) {
      found.push([date, "Give the date your note is true for, from " + date.dataset.first + " to " + date.dataset.last]);
    } else if (date.value < date.min || date.value > date.max) {
      found.push([date, "The date must be from " + date.dataset.first + " to " + date.dataset.last]);
    }
    if (value("new_deadline") && !value("reason")) {
      found.push([f.reason, "Say why the deadline moved: a new deadline needs its reason"]);
    }
    if (value("reason") && !value("new_deadline")) {
      found.push([f.new_deadline, "Give the new deadline (a day, 30/06/2006, or a month, June 2006), or clear the reason"]);
    }
    return found;
  }

  function clearProblems() {
    form.querySelectorAll(".error").forEach(function (error) { error.remove(); });
    form.querySelectorAll("[aria-invalid]").forEach(function (field) {
      field.removeAttribute("aria-invalid");
      field.setAttribute("aria-describedby", field.id + "-hint");
    });
    document.getElementById("problems").hidden = true;
  }

  function showProblems(found) {
    const list = document.getElementById("problems-list");
    list.replaceChildren();
    found.forEach(function (item) {
      const field = item[0];
      const message = item[1];
      const fieldset = field.closest("fieldset");
      const where = fieldset ? actionName(fieldset) + ": " : "";
      const link = document.createElement("a");
      link.href = "#" + field.id;
      link.textContent = where + message;
      const entry = document.createElement("li");
      entry.append(link);
      list.append(entry);
      if (fieldset) {
        const error = document.createElement("p");
        error.className = "error";
        error.id = field.id + "-error";
        error.textContent = "Error: " + message;
        field.before(error);
        field.setAttribute("aria-invalid", "true");
        field.setAttribute("aria-describedby", field.id + "-hint " + error.id);
      }
    });
    const box = document.getElementById("problems");
    box.hidden = false;
    box.focus();
  }

  function csv() {
    const lines = about.map(function (row) { return row.map(csvCell).join(","); });
    lines.push("", headings.map(csvCell).join(","));
    form.querySelectorAll("fieldset.action").forEach(function (fieldset) {
      const cells = JSON.parse(fieldset.dataset.cells);
      const f = fields(fieldset);
      Object.keys(f).forEach(function (key) { cells[key] = f[key].value.trim(); });
      lines.push(keys.map(function (key) { return csvCell(cells[key] || ""); }).join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  function download(text) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    link.download = fileName;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }

  function keep() {
    const typed = {};
    form.querySelectorAll("[data-key]").forEach(function (field) {
      if (field.value) {
        typed[field.id] = field.value;
      }
    });
    try {
      window.localStorage.setItem(store, JSON.stringify(typed));
    } catch (e) {
      /* storage refused (a private window): the page still works, it only cannot keep what was typed */
    }
  }

  function restore() {
    let typed = {};
    try {
      typed = JSON.parse(window.localStorage.getItem(store) || "{}");
    } catch (e) {
      return;
    }
    Object.keys(typed).forEach(function (id) {
      const field = document.getElementById(id);
      if (field && field.dataset.key) {
        field.value = typed[id];
      }
    });
  }

  form.addEventListener("input", keep);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearProblems();
    const saved = document.getElementById("saved");
    saved.textContent = "";
    const fieldsets = Array.prototype.slice.call(form.querySelectorAll("fieldset.action"));
    const found = fieldsets.reduce(function (all, fieldset) { return all.concat(problemsOf(fieldset)); }, []);
    const filled = fieldsets.some(function (fieldset) {
      return Array.prototype.some.call(fieldset.querySelectorAll("[data-key]"), function (f) { return f.value.trim(); });
    });
    if (!filled) {
      found.push([document.getElementById("a1-new_status") || form, "Nothing to save yet: fill in at least one action"]);
    }
    if (found.length) {
      showProblems(found);
      return;
    }
    download(csv());
    saved.textContent = "Saved as " + fileName + ", usually in your Downloads folder. Send that file back to the " +
      "person who sent you this form.";
  });
  restore();
})();
