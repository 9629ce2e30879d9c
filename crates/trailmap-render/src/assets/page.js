// trailmap roadmap page: ticks, the "What next" panel, progress files.
// The data comes from the JSON block the renderer wrote; nothing is
// fetched. The ranking is `trailmap next`'s (crates/trailmap/src/query.rs):
// skills being learned first, required before optional, then phase order,
// then how many skills they unlock (counted up to 1,000), then file order.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("trailmap-data").textContent);
  var skills = data.skills;
  var UNLOCK_CAP = 1000;
  var storageKey = "trailmap:" + data.roadmap + ":progress";
  var dependents = skills.map(function () { return []; });
  // Skills are visited in order, so a repeat of `i` can only be the last
  // entry (a search of the list was quadratic for a skill that every
  // other one needs).
  skills.forEach(function (skill, i) {
    skill.requires.forEach(function (group) {
      group.forEach(function (m) {
        var list = dependents[m];
        if (list[list.length - 1] !== i) { list.push(i); }
      });
    });
  });

  // Ticks saved in the browser are kept with a fingerprint of the progress
  // file the page was written with (`render --progress`): a page written
  // again from another file (after `trailmap progress done`, say) starts
  // from that file, which is newer than the ticks. A page written without
  // one keeps the ticks saved for its roadmap.
  var written = data.progress && data.progress.skills && Object.keys(data.progress.skills).length > 0;
  var base = fingerprint(JSON.stringify(data.progress || null));
  var savedForAnother = false;
  function fingerprint(text) {
    // FNV-1a, 32 bits: the file itself need not be stored again.
    var hash = 0x811c9dc5;
    for (var k = 0; k < text.length; k++) {
      hash ^= text.charCodeAt(k);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(16);
  }
  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(storageKey) || "null");
      // Saved before fingerprints: the progress itself.
      var ticks = saved && saved.progress ? saved.progress : saved;
      if (ticks && (!written || (saved.progress && saved.base === base))) { return normalise(ticks); }
      savedForAnother = saved !== null;
    } catch (e) { /* no storage (private mode, file:// policy), or not ours: start from the page's progress */ }
    return normalise(data.progress);
  }
  // A progress object as the schema has it: {roadmaps, skills: {id: {status, ...}}}.
  function normalise(p) {
    if (!p || typeof p !== "object" || Array.isArray(p)) { throw new Error("not a progress object"); }
    var out = { roadmaps: Array.isArray(p.roadmaps) ? p.roadmaps.filter(function (r) { return typeof r === "string"; }) : [], skills: {} };
    var entries = p.skills && typeof p.skills === "object" ? p.skills : {};
    Object.keys(entries).forEach(function (id) {
      var entry = entries[id];
      if (entry && typeof entry === "object" && ["done", "learning", "skipped"].indexOf(entry.status) >= 0) {
        var kept = { status: entry.status };
        if (typeof entry.hours === "number" && isFinite(entry.hours)) { kept.hours = entry.hours; }
        if (typeof entry.date === "string") { kept.date = entry.date; }
        if (typeof entry.note === "string") { kept.note = entry.note; }
        out.skills[id] = kept;
      }
    });
    if (out.roadmaps.indexOf(data.roadmap) < 0) { out.roadmaps.push(data.roadmap); }
    return out;
  }
  var progress = load();

  function status(id) {
    return Object.prototype.hasOwnProperty.call(progress.skills, id) ? progress.skills[id].status : null;
  }
  function satisfied(id) { var s = status(id); return s === "done" || s === "skipped"; }

  function countUnlocks(start, sat) {
    var seen = {}; var stack = [start]; var count = 0;
    seen[start] = true;
    while (stack.length) {
      var i = stack.pop();
      var ds = dependents[i];
      for (var k = 0; k < ds.length; k++) {
        var d = ds[k];
        if (!seen[d]) {
          seen[d] = true;
          if (!sat[d]) { count++; if (count >= UNLOCK_CAP) { return [count, true]; } }
          stack.push(d);
        }
      }
    }
    return [count, false];
  }

  // Every skill startable now, ranked as `trailmap next` ranks them.
  function next() {
    var sat = skills.map(function (s) { return satisfied(s.id); });
    var ranked = [];
    skills.forEach(function (s, i) {
      if (sat[i] || !s.primary) { return; }
      var open = s.requires.every(function (group) { return group.some(function (m) { return sat[m]; }); });
      if (!open) { return; }
      var unlocks = countUnlocks(i, sat);
      var learning = status(s.id) === "learning";
      ranked.push({ i: i, unlocks: unlocks, learning: learning,
        key: [learning ? 0 : 1, s.optional ? 1 : 0, s.rank === null ? Infinity : s.rank, -unlocks[0], i] });
    });
    ranked.sort(function (a, b) {
      for (var k = 0; k < a.key.length; k++) { if (a.key[k] !== b.key[k]) { return a.key[k] < b.key[k] ? -1 : 1; } }
      return 0;
    });
    return ranked;
  }

  function reasons(item) {
    var s = skills[item.i]; var out = [];
    if (item.learning) { out.push("you are learning it"); }
    if (s.where !== null) { out.push("in " + s.where); }
    var n = item.unlocks[0];
    if (n === 1) { out.push("unlocks 1 skill"); } else if (n > 1) { out.push("unlocks " + n + (item.unlocks[1] ? "+" : "") + " skills"); }
    if (s.optional) { out.push("optional"); }
    return out.join(" · ");
  }

  function renderNext() {
    var list = document.getElementById("tm-next-list");
    var items = next();
    while (list.firstChild) { list.removeChild(list.firstChild); }
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.setAttribute("data-next-id", skills[item.i].id);
      li.appendChild(document.createTextNode(skills[item.i].name));
      var why = document.createElement("span");
      why.className = "tm-why";
      why.textContent = reasons(item);
      li.appendChild(why);
      list.appendChild(li);
    });
    document.getElementById("tm-next-empty").hidden = items.length > 0;
    var done = skills.filter(function (s) { return satisfied(s.id); }).length;
    var meter = document.getElementById("tm-meter");
    meter.value = done;
    document.getElementById("tm-count").textContent = done + " of " + skills.length + " skills done";
  }

  function renderTicks() {
    var boxes = document.querySelectorAll("input[data-skill-id]");
    for (var k = 0; k < boxes.length; k++) {
      var on = satisfied(boxes[k].getAttribute("data-skill-id"));
      boxes[k].checked = on;
      boxes[k].parentNode.parentNode.classList.toggle("tm-done", on);
    }
  }

  function save() {
    try { window.localStorage.setItem(storageKey, JSON.stringify({ base: base, progress: progress })); } catch (e) { /* nowhere to keep it */ }
  }
  function say(text) { document.getElementById("tm-status").textContent = text; }
  function refresh() { renderTicks(); renderNext(); }

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[data-skill-id]")) { return; }
    var id = box.getAttribute("data-skill-id");
    if (box.checked) {
      var entry = progress.skills[id] || {};
      entry.status = "done";
      progress.skills[id] = entry;
    } else if (satisfied(id)) {
      delete progress.skills[id];
    }
    save();
    refresh();
  });

  document.getElementById("tm-export").addEventListener("click", function () {
    var text = JSON.stringify(progress, null, 2) + "\n";
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    link.download = data.roadmap + "-progress.json";
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    say("Progress exported to " + link.download + ".");
  });

  document.getElementById("tm-import").addEventListener("change", function (event) {
    var file = event.target.files && event.target.files[0];
    if (!file) { return; }
    var reader = new FileReader();
    reader.onload = function () {
      try {
        progress = normalise(JSON.parse(String(reader.result)));
        save();
        refresh();
        say("Progress imported from " + file.name + ".");
      } catch (e) {
        say("Could not read " + file.name + ": it is not a trailmap progress file.");
      }
      event.target.value = "";
    };
    reader.readAsText(file);
  });

  document.getElementById("tm-reset").addEventListener("click", function () {
    if (!window.confirm("Clear every tick on this page?")) { return; }
    progress = normalise({ skills: {} });
    save();
    refresh();
    say("All ticks cleared.");
  });

  // For scripts and tests: the progress as a file would hold it.
  window.trailmapProgress = function () { return JSON.parse(JSON.stringify(progress)); };
  refresh();
  if (savedForAnother) {
    say("This page shows the progress file it was written with; the ticks this browser saved were made on a page written from another one.");
  }
})();
