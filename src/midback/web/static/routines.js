// Routine builder: reorder rows in place, by dragging a row's handle or with its ↑ ↓ buttons,
// keep focus on the moved row's button and announce where it went. Without this script the same
// buttons post the whole form and the server reorders the rows, so nothing depends on it.
(() => {
  "use strict";
  const list = document.getElementById("rows");
  const status = document.getElementById("builder-status");
  if (!list || !status) return;
  const rows = () => Array.from(list.querySelectorAll(":scope > .builder-row"));
  const form = document.getElementById("builder");
  const unsaved = document.getElementById("builder-unsaved");
  const start = document.querySelector("[data-start]");

  // Changes live in the page until "Save routine": say so, and let "Start" save them first
  // rather than play the old order without a word.
  let dirty = false;
  function changed() {
    if (dirty) return;
    dirty = true;
    if (unsaved) unsaved.hidden = false;
    if (start) start.textContent = "Save and start";
  }
  if (form) {
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
  }
  if (start && form) {
    start.addEventListener("click", (event) => {
      if (!dirty) return;
      event.preventDefault();
      const op = Object.assign(document.createElement("input"), { type: "hidden", name: "op", value: "start" });
      form.append(op);
      form.submit();
    });
  }
  const nameOf = (row) => row.querySelector(".builder-row__name").textContent.trim();

  function refresh() {
    const all = rows();
    all.forEach((row, i) => {
      row.querySelector('[data-move="up"]').disabled = i === 0;
      row.querySelector('[data-move="down"]').disabled = i === all.length - 1;
    });
  }
  function announce(row) {
    const all = rows();
    status.textContent = "";
    window.setTimeout(() => {
      status.textContent = `${nameOf(row)}: position ${all.indexOf(row) + 1} of ${all.length}`;
    }, 30);
  }
  function move(row, direction) {
    if (direction === "up" && row.previousElementSibling) {
      list.insertBefore(row, row.previousElementSibling);
    } else if (direction === "down" && row.nextElementSibling) {
      list.insertBefore(row.nextElementSibling, row);
    }
    refresh();
    changed();
    row.classList.remove("is-moved");
    void row.offsetWidth; // restart the highlight
    row.classList.add("is-moved");
    announce(row);
  }

  list.addEventListener("click", (event) => {
    const button = event.target.closest("[data-move]");
    if (!button) return;
    event.preventDefault();
    const row = button.closest(".builder-row");
    move(row, button.dataset.move);
    const other = button.dataset.move === "up" ? "down" : "up";
    (button.disabled ? row.querySelector(`[data-move="${other}"]`) : button).focus();
  });

  // Drag and drop: only from the handle, so text in the boxes can still be selected.
  let dragged = null;
  list.addEventListener("pointerdown", (event) => {
    const grip = event.target.closest(".builder-row__grip");
    if (grip) grip.closest(".builder-row").draggable = true;
  });
  list.addEventListener("dragstart", (event) => {
    dragged = event.target.closest ? event.target.closest(".builder-row") : null;
    if (!dragged) return;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", nameOf(dragged));
    dragged.classList.add("is-dragging");
  });
  list.addEventListener("dragover", (event) => {
    if (!dragged) return;
    event.preventDefault();
    const over = event.target.closest(".builder-row");
    if (!over || over === dragged) return;
    const box = over.getBoundingClientRect();
    const after = event.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, after ? over.nextElementSibling : over);
  });
  list.addEventListener("drop", (event) => event.preventDefault());
  list.addEventListener("dragend", () => {
    if (!dragged) return;
    dragged.classList.remove("is-dragging");
    dragged.draggable = false;
    refresh();
    changed();
    announce(dragged);
    dragged = null;
  });
  list.classList.add("builder__rows--live");
})();
