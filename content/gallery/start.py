import modal

app = modal.App("example")


@app.function(gpu="L4", container_idle_timeout=300)
def embed(text: str) -> list[float]:
    return []


@app.function(schedule=modal.Cron("0 6 * * 1", timezone="America/New_York"))
def weekly_report():
    print("report")
