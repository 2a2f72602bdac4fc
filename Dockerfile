# JupyterLab 4 with the course ready, for linux/amd64 and linux/arm64 (setup picks the libtorch jar for
# the build's architecture). The course and its environment belong to root and are read-only to the
# learner (Zero to JupyterHub runs this image: a learner must not rewrite their own server); the
# learner's work (notebooks, models/) lives in /home/learner/work, a volume.
#   docker build -t lenet5-java .
#   docker run --rm -p 8888:8888 -v lenet5-work:/home/learner/work lenet5-java
FROM debian:bookworm-slim
# The slim image leaves out /usr/share/man/*; the JDK's postinst links its man pages there and fails without man1.
RUN mkdir -p /usr/share/man/man1 \
    && apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jdk-headless maven make python3 python3-venv fonts-dejavu-core ca-certificates \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --shell /bin/bash learner && install -d -o learner -g learner /home/learner/work
WORKDIR /opt/lenet5
# Layers from the slowest-changing up: the Jupyter environment (requirements.txt), then the Java build,
# libtorch and data (poms and sources; Maven's cache is dropped in the same step), then the rest: an
# edit to a notebook rebuilds only the last.
COPY requirements.txt ./
COPY scripts/setup.sh scripts/npm_fetch.py scripts/
RUN bash scripts/setup.sh jupyter
COPY pom.xml ./
COPY kernel/ kernel/
COPY utils/ utils/
RUN LENET5_MAVEN_ARGS=-Dmaven.repo.local=/tmp/m2 bash scripts/setup.sh && rm -rf /tmp/m2 build/downloads
COPY . .
# --build-arg CLASSROOM=1: also the classroom's environment, for Zero to JupyterHub (classroom/z2jh/values.yaml).
ARG CLASSROOM=0
RUN if [ "$CLASSROOM" = 1 ]; then bash classroom/setup.sh singleuser; fi \
    && find /opt/lenet5 \( -perm /022 -o ! -perm -444 \) -exec chmod a+rX,go-w {} +
# (only what needs it: a chmod of every file would copy them all into this layer, doubling the image)
USER learner
ENV LENET5_MODELS=/home/learner/work/models
WORKDIR /home/learner/work
VOLUME /home/learner/work
EXPOSE 8888
# Token authentication stays on: the URL with the token is printed at start.
CMD ["/opt/lenet5/scripts/docker-start.sh", "--ip=0.0.0.0", "--port=8888", "--no-browser"]
