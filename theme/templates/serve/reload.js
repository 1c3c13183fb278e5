// clusterfolio serve: reload this page after each rebuild. Only the preview server adds it (see
// serve/reload-tag.html); the built site never has it. After a failed rebuild the page stays and a
// box lists the problems. Text is set with textContent, never as markup: the lines quote profiles.
(() => {
  const me = document.currentScript;
  const waiting = me.dataset.waiting === "yes";  // a page that says the site is not built
  const every = Number(me.dataset.poll) || 1000;
  let seen = me.dataset.build;
  let box = null;
  const show = (problems) => {
    if (box) box.remove();
    box = document.createElement("aside");
    box.setAttribute("role", "alert");
    // Styles through the CSSOM: a page whose policy refuses inline styles still shows the box.
    box.style.cssText = "position:fixed;z-index:2147483647;left:1em;right:1em;bottom:1em;max-height:50vh;" +
      "overflow:auto;padding:.75em 1em;background:#fff4f4;color:#1a1a1a;border:2px solid #b00020;" +
      "border-radius:4px;font:14px/1.4 system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.3)";
    const title = document.createElement("strong");
    title.textContent = "The last change could not be built; this is the last good build. Fix these and save:";
    const list = document.createElement("ul");
    for (const line of problems) {
      const item = document.createElement("li");
      item.textContent = line;
      list.append(item);
    }
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.addEventListener("click", () => box.remove());
    box.append(title, list, close);
    document.body.append(box);
  };
  const ask = async () => {
    try {
      const response = await fetch("/__clusterfolio__/build", {cache: "no-store"});
      const now = await response.json();
      if (String(now.build) !== seen) {
        if (now.ok || waiting) {
          location.reload();
          return;
        }
        seen = String(now.build);
        show(now.problems);
      }
    } catch (error) {
      // The server is restarting or stopped: keep asking.
    }
    setTimeout(ask, every);
  };
  setTimeout(ask, every);
})();
