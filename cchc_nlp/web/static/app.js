// Upload with drag and drop and a progress bar. Without this script the form
// posts to /upload and the server answers with a page: nothing depends on it.
"use strict";
(function () {
  const form = document.getElementById("upload");
  if (!form) return;
  const input = document.getElementById("files");
  const drop = document.getElementById("drop");
  const bar = document.getElementById("progress");
  const status = document.getElementById("upload-status");
  const list = document.getElementById("upload-results");
  let dropped = null;

  function say(text) { status.textContent = text; }

  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    dropped = e.dataTransfer.files;
    say(dropped.length + " tệp đã chọn");
  });
  input.addEventListener("change", () => { dropped = null; say(input.files.length + " tệp đã chọn"); });

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const files = dropped || input.files;
    if (!files || files.length === 0) { say("Chưa chọn tệp nào."); return; }
    const data = new FormData();
    for (const f of files) data.append("files", f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/reports");
    bar.hidden = false;
    bar.value = 0;
    xhr.upload.addEventListener("progress", (ev) => {
      if (ev.lengthComputable) bar.value = Math.round((100 * ev.loaded) / ev.total);
    });
    xhr.upload.addEventListener("load", () => say("Đã gửi; đang phân tích " + files.length + " tệp…"));
    xhr.addEventListener("load", () => {
      bar.hidden = true;
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (err) { body = null; }
      if (xhr.status !== 200 || !body || !body.reports) {
        say((body && body.error) || "Máy chủ trả lỗi " + xhr.status + ".");
        return;
      }
      list.textContent = "";
      let ok = 0;
      for (const r of body.reports) {
        const li = document.createElement("li");
        li.className = r.status;
        if (r.status === "ok") {
          ok += 1;
          const a = document.createElement("a");
          a.href = "/reports/" + r.id;
          a.textContent = r.file;
          li.appendChild(a);
          li.appendChild(document.createTextNode(": đã phân tích" + (r.note ? " (" + r.note + ")" : "")));
        } else {
          li.textContent = r.file + ": " + r.error;
        }
        list.appendChild(li);
      }
      say("Xong: " + ok + "/" + body.reports.length + " tệp đã đưa vào chỉ mục.");
      dropped = null;
      form.reset();
    });
    xhr.addEventListener("error", () => { bar.hidden = true; say("Mất kết nối tới máy chủ."); });
    xhr.send(data);
  });
})();
