"""Tests for nnkit._voila: the markdown renderer ``voila.json`` gives Voilà, so an app shows no link that answers 403."""

import json
from pathlib import Path

import pytest

from nnkit._voila import served_by_the_app

ROOT = Path(__file__).resolve().parent.parent


class TestServedByTheApp:
    @pytest.mark.parametrize("url", ["02-loss.ipynb", "README.md", "notebooks/01-forward-propagation.ipynb",
                                     "../CONTRIBUTING.md", "data/points.csv", "02-loss.ipynb#Softmax"])
    def test_relative_links_to_files_the_app_refuses(self, url):
        """A relative link to a notebook, a markdown or any file but an image is one the app answers 403 for."""
        assert not served_by_the_app(url)

    @pytest.mark.parametrize("url", ["#Summary", "https://playground.tensorflow.org", "mailto:a@b.c",
                                     "/voila/static/x.js", "figure.png", "assets/graph.SVG"])
    def test_anchors_other_sites_absolute_paths_and_images_are_left_alone(self, url):
        """In-page anchors, other sites, absolute paths and the images /voila/files/ serves keep their link."""
        assert served_by_the_app(url)


class TestAppMarkdownRenderer:
    @pytest.fixture
    def markdown(self):
        pytest.importorskip("voila", reason="Voilà is not installed: pip install -r requirements-teach.txt")
        from nbconvert.filters.markdown_mistune import MarkdownWithMath

        from nnkit._voila import AppMarkdownRenderer

        def render(source):
            renderer = AppMarkdownRenderer(contents_manager=None, escape=False, attachments={}, anchor_link_text="¶")
            return MarkdownWithMath(renderer=renderer).render(source)
        return render

    def test_a_link_to_a_notebook_shows_its_words(self, markdown):
        """The navigation line of a notebook keeps its words and loses both dead links."""
        html = markdown("← [Index](README.md) | [02 · Loss](02-loss.ipynb) →")
        assert "<a" not in html and "Index" in html and "02 · Loss" in html
        assert html.count('class="nnkit-app-link"') == 2

    def test_other_links_stay_links(self, markdown):
        """A link to another site and an in-page anchor are still links."""
        html = markdown("[TensorFlow Playground](https://playground.tensorflow.org) and [the summary](#Summary)")
        assert 'href="https://playground.tensorflow.org"' in html and 'href="#Summary"' in html

    def test_voila_json_names_it(self):
        """voila.json at the repository root (read by Voilà started there) gives the exporter this renderer."""
        config = json.loads((ROOT / "voila.json").read_text())
        assert config["VoilaExporter"]["markdown_renderer_class"] == "nnkit._voila.AppMarkdownRenderer"
