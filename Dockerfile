# enface in a container: builds the bundled edition, or any edition mounted at /edition.
#   docker build --build-arg SOURCE_DATE_EPOCH="$(git log -1 --format=%ct -- editions/face-of-another)" -t enface .
#   docker run --rm -v "$PWD/build:/app/build" enface
#   docker run --rm -v "$PWD/my-edition:/edition:ro" -v "$PWD/build:/app/build" enface build /edition --out /app/build
# The base image is pinned by digest (python:3.11-slim-bookworm), so a rebuild next year
# starts from the same Debian and Python.
FROM python:3.11-slim-bookworm@sha256:a36c24f9cbdf4fd0f52d67f0823eeac19c2028c637cecc392d97f980d4fec56b

# Outputs take their dates from SOURCE_DATE_EPOCH: pass the same value as a checkout's
# `make build` uses (the last commit touching the edition) to get byte-identical books.
ARG SOURCE_DATE_EPOCH=1767225600
ENV SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH} \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DEBIAN_FRONTEND=noninteractive \
    PATH="/app/.venv/bin:${PATH}"

WORKDIR /app
# The same set-up script as `make build` (runtime part): system libraries, virtualenv,
# dependencies pinned with hashes in requirements.lock. Fonts are vendored in styles/fonts.
COPY pyproject.toml requirements.lock README.md ./
COPY scripts/ scripts/
COPY src/ src/
COPY styles/ styles/
COPY editions/ editions/
RUN bash scripts/setup.sh --runtime \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 enface \
    && mkdir -p /app/build \
    && chown enface:enface /app/build

USER 10001
ENTRYPOINT ["enface"]
CMD ["build", "--out", "/app/build"]
