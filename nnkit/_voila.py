"""Voilà's markdown, for a notebook shown as an app: links to other notebooks become their words.

``voila notebooks/07-when-training-goes-wrong.ipynb`` serves that one notebook. A relative
link in its text (``[06 · Training a network](06-training-a-network.ipynb)``, ``[Index](README.md)``)
is sent to ``/voila/files/…``, where Voilà serves only images: every such link answers
403 Forbidden. JupyterLab shows the same notebooks with working links, so the notebooks keep
them, and the app shows their words without the link. ``voila.json`` at the repository root
(read by Voilà from the folder it is started in, as README's command does) names this
renderer::

    {"VoilaExporter": {"markdown_renderer_class": "nnkit._voila.AppMarkdownRenderer"}}

Only Voilà imports this module; without Voilà installed it defines nothing.
"""

import re
from urllib.parse import urlsplit

__all__ = ["served_by_the_app"]  # and AppMarkdownRenderer where Voilà is installed

# Voilà's default VoilaConfiguration.file_allowlist: the files /voila/files/ answers.
SERVED = re.compile(r".*\.(png|jpg|gif|svg)", re.IGNORECASE)


def served_by_the_app(url):
    """True unless ``url`` is a relative link to a file the single-notebook app answers 403 for."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return True  # another site, an absolute path, or an anchor in the page (#…)
    return bool(SERVED.fullmatch(parts.path))


try:
    from voila.exporter import NB_CONVERT_760, VoilaMarkdownRenderer
except ImportError:  # Voilà is optional (requirements-teach.txt); only Voilà itself uses the class
    VoilaMarkdownRenderer = None

if VoilaMarkdownRenderer is not None:

    class AppMarkdownRenderer(VoilaMarkdownRenderer):
        """Voilà's renderer (images inlined), with links the app cannot open shown as their words."""

        if NB_CONVERT_760:  # mistune 3: link(text, url, title)
            def link(self, text, url, title=None):
                if served_by_the_app(url):
                    return super().link(text, url, title)
                return f'<span class="nnkit-app-link">{text}</span>'
        else:  # mistune 2: link(url, text, title)
            def link(self, link, text=None, title=None):
                if served_by_the_app(link):
                    return super().link(link, text, title)
                return f'<span class="nnkit-app-link">{text if text is not None else link}</span>'

    __all__.append("AppMarkdownRenderer")
