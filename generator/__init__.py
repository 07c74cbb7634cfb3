"""explainer: a static, bilingual explainer-site generator.

The pipeline, one module a stage:
config + load (content/ → model) → link (model → graph) → pages (plan) →
render (HTML in memory) → output (public/, swapped in atomically).
"""

__version__ = "0.1.0"
