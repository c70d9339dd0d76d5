"""The Markdown extension for table captions under the name mkdocs.yml gives it (`planportal.captions`),
which portals made by `planportal new` use too: it lives in planportal.output.captions."""

from planportal.output.captions import CaptionExtension, makeExtension

__all__ = ["CaptionExtension", "makeExtension"]
