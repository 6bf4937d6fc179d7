// Links between the panel's views, such as a line of the Server tab and its
// row in the Browser tab's network log: following one shows the tab that
// holds its target and puts the focus there (on its first control), so a
// keyboard reader lands where a sighted one looks.

/** Follow every ``a.live-jump`` in ``panel`` across the views of ``tabs``. */
export function followJumps(panel, tabs) {
  panel.addEventListener("click", (event) => {
    const link = event.target.closest("a.live-jump");
    if (!link) return;
    event.preventDefault();
    const target = document.getElementById(link.hash.slice(1));
    if (!target) return; // its log or console was cleared
    tabs.reveal(target);
    const focus = target.matches("a, button") ? target : (target.querySelector("a, button") ?? target);
    focus.focus();
    focus.scrollIntoView({ block: "nearest" });
  });
}
