# JupyterLab with the course ready: data, natives and kernel prepared at build time.
#   docker build -t lenet5-java .
#   docker run --rm -p 8888:8888 lenet5-java     (then open the URL with the token it prints)
FROM debian:bookworm-slim
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jdk-headless maven npm make python3-pip python3-venv ca-certificates \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --shell /bin/bash learner
USER learner
WORKDIR /home/learner/course
ENV VIRTUAL_ENV=/home/learner/venv PATH=/home/learner/venv/bin:$PATH JUPYTER_PYTHON=/home/learner/venv/bin/python
RUN python3 -m venv $VIRTUAL_ENV && pip install --no-cache-dir jupyterlab notebook nbconvert nbclient
COPY --chown=learner:learner . .
RUN bash scripts/setup.sh
EXPOSE 8888
# Token authentication stays on: the URL with the token is printed at start.
CMD ["jupyter", "lab", "--ip=0.0.0.0", "--port=8888", "--no-browser", "notebooks/"]
