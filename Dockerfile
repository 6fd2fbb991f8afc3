# enface in a container: builds the bundled edition, or any edition mounted at /edition.
#   docker build -t enface .
#   docker run --rm -v "$PWD/build:/app/build" enface
#   docker run --rm -v "$PWD/my-edition:/edition:ro" -v "$PWD/build:/app/build" enface build /edition
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DEBIAN_FRONTEND=noninteractive

WORKDIR /app
# The same set-up script as `make build`: system libraries, virtualenv, pinned dependencies.
COPY pyproject.toml requirements.lock requirements-dev.lock README.md ./
COPY scripts/ scripts/
COPY src/ src/
COPY styles/ styles/
COPY editions/ editions/
RUN bash scripts/setup.sh --runtime \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 enface \
    && mkdir -p /app/build && chown enface:enface /app/build

USER enface
ENV PATH="/app/.venv/bin:${PATH}"
ENTRYPOINT ["enface"]
CMD ["build", "--out", "/app/build"]
