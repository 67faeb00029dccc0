"""A static course generator: course YAML in, a MkDocs site with in-browser quizzes out."""

__version__ = "0.1.0"
