"""The exercises read from a note's HTML: ids, kinds and titles, in page order."""

from __future__ import annotations

from exercise_list.found import Exercise, exercises_in

NOTE = """<h2>Routes</h2>
<section class="exercise predict" id="exercise-guess" data-answer="404">
<h3>Predict: A <code>slash</code></h3>
<fieldset><legend>The status</legend></fieldset><h3>Not a title</h3>
<p class="exchange-caption"><a href="/examples/routes.zip">Download</a></p></section>
<section class="exercise" id="exercise-move" data-live="/live/exercises/1.json">
<h3>Exercise: Move</h3><p><a href="/exercises/move.zip">Download the exercise</a></p></section>
<p><a href="/examples/other.zip">Download</a></p>
<section class="other" id="exercise-no"><h3>No</h3></section>
<h3>A heading after them</h3>"""


def test_each_exercise_section_gives_its_id_kind_first_headings_text_and_download():
    assert exercises_in(NOTE) == [
        Exercise("guess", "predict", "Predict: A slash"),
        Exercise("move", "write", "Exercise: Move", "/exercises/move.zip"),
    ]


def test_a_note_without_exercises_has_none():
    assert exercises_in("<section class='exercise'><h3>No id</h3></section>") == []
