"""Where the oracles find the repository's real market-data CSVs: data/real/ or test/fixtures/market/."""
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def data_file(name):
    """A real market-data CSV of the repository: data/real/ or test/fixtures/market/ (see their READMEs)."""
    for folder in (REPO / 'data' / 'real', REPO / 'test' / 'fixtures' / 'market'):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f'{name} is in neither data/real/ nor test/fixtures/market/')
