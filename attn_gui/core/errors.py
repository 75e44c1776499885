"""The errors that carry a sentence for the user, as opposed to a bug's traceback."""

from .config import ConfigError
from .dataset import DataError
from .formula import FormulaError
from .project import ProjectError
from .table import TableError
from .training import TrainingError
from .weighting import WeightingError

USER_ERRORS = (ConfigError, DataError, FormulaError, ProjectError, TableError, TrainingError,
               WeightingError)
