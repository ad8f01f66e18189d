"""Buyer questionnaires as data: versioned templates, answer checks, answers → scoring context."""

from .answers import build_context, validate_answers, yes_no
from .library import (
                      DEFAULT_TEMPLATE,
                      TemplateLibrary,
                      available,
                      default_library,
                      describe,
                      load,
                      load_file,
                      load_text,
)
from .model import (
                      QUESTION_TYPES,
                      SUPPLIER_ROLES,
                      Question,
                      QuestionnaireError,
                      Template,
                      copy_template,
                      question_from_dict,
                      template_from_dict,
)

__all__ = [
    "DEFAULT_TEMPLATE", "QUESTION_TYPES", "SUPPLIER_ROLES", "Question", "QuestionnaireError", "Template",
    "TemplateLibrary", "available", "build_context", "copy_template", "default_library", "describe", "load",
    "load_file", "load_text", "question_from_dict", "template_from_dict", "validate_answers", "yes_no",
]
