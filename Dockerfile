# JupyterLab 4 with the course ready: the Jupyter environment (requirements.txt), data, natives and
# kernel are prepared at build time by the one setup script.
#   docker build -t lenet5-java .
#   docker run --rm -p 8888:8888 lenet5-java     (then open the URL with the token it prints)
FROM debian:bookworm-slim
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jdk-headless maven make python3 python3-venv fonts-dejavu-core ca-certificates \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --shell /bin/bash learner
USER learner
WORKDIR /home/learner/course
COPY --chown=learner:learner . .
RUN bash scripts/setup.sh
# --build-arg CLASSROOM=1: also the classroom's environment, for Zero to JupyterHub (classroom/z2jh/values.yaml).
ARG CLASSROOM=0
RUN if [ "$CLASSROOM" = 1 ]; then bash classroom/setup.sh singleuser; fi
EXPOSE 8888
# Token authentication stays on: the URL with the token is printed at start.
CMD ["build/venv/bin/jupyter", "lab", "--ip=0.0.0.0", "--port=8888", "--no-browser", "notebooks/"]
