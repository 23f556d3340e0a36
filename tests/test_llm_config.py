"""LLM settings: flags > RETOLD_* / OPENAI_* environment > config file > defaults."""

from __future__ import annotations

import pytest

from retold.errors import EngineError
from retold.llm.config import PLACEHOLDER_KEY, LLMSettings, load_settings


def config(tmp_path, text: str) -> dict[str, str]:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return {"RETOLD_CONFIG": str(path)}


def test_defaults_without_file_or_environment(tmp_path):
    settings = load_settings(environ={"RETOLD_CONFIG": str(tmp_path / "none.toml")})
    assert settings == LLMSettings()
    assert settings.key == PLACEHOLDER_KEY  # a local server needs no key


def test_precedence_flags_over_environment_over_file(tmp_path):
    env = config(tmp_path, '[llm]\nmodel = "from-file"\nbase_url = "http://file/v1"\nrepair = 1\ntimeout = 9\n')
    env.update({"RETOLD_MODEL": "from-env", "RETOLD_REPAIR": "3"})
    settings = load_settings({"model": "from-flag", "repair": None}, environ=env)
    assert settings.model == "from-flag"
    assert settings.repair == 3 and settings.base_url == "http://file/v1" and settings.timeout == 9.0


def test_key_from_retold_api_key_over_openai_api_key(tmp_path):
    env = config(tmp_path, "")
    assert load_settings(environ={**env, "OPENAI_API_KEY": "sk-o"}).key == "sk-o"
    assert load_settings(environ={**env, "OPENAI_API_KEY": "sk-o", "RETOLD_API_KEY": "sk-r"}).key == "sk-r"


@pytest.mark.parametrize(
    ("text", "env", "fix"),
    [
        ('[llm]\napi_key = "sk-x"\n', {}, "keep the API key out of the config file"),
        ("[llm]\ncolour = 1\n", {}, "unknown setting 'colour'"),
        ("[llm\n", {}, "fix it or move it away"),
        ("", {"RETOLD_REPAIR": "many"}, "RETOLD_REPAIR: repair = 'many' is not a valid int"),
        ("", {"RETOLD_STREAM": "perhaps"}, "is not a valid bool"),
    ],
)
def test_bad_settings_say_what_to_fix(tmp_path, text, env, fix):
    with pytest.raises(EngineError, match=fix):
        load_settings(environ={**config(tmp_path, text), **env})


def test_missing_model_names_every_place_to_set_it(tmp_path):
    with pytest.raises(EngineError, match="--model NAME .*RETOLD_MODEL"):
        load_settings(environ=config(tmp_path, "")).require_model()
