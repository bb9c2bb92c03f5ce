# On the List, museum kiosk: the Windows supervisor.
# Starts the game in kiosk mode and starts it again 3 seconds after it stops for any reason
# (a crash, "End task"), except after a staff exit (chord + PIN), which ends with status 10.
# The scheduled task in on-the-list-kiosk.xml runs this script at sign-in; see docs/kiosk.md.
# Windows has no SIGTERM: "End task", Stop-Process and a shutdown end the game at once (exit status 1),
# Ctrl+C in a console is SIGINT (the game ends within a second, status 130); every status but 10 is
# restarted. Stopping this script (Stop-ScheduledTask) leaves a running game open: end it with
# Stop-Process -Name pythonw.

param(
    [string]$GameDir = "C:\OnTheList",
    [int]$StaffExitStatus = 10,
    [int]$DelaySeconds = 3
)

$python = Join-Path $GameDir ".venv\Scripts\pythonw.exe"
if (-not (Test-Path -LiteralPath $python)) {
    $python = Join-Path $GameDir ".venv\Scripts\python.exe"
}

while ($true) {
    $game = Start-Process -FilePath $python -ArgumentList @("-m", "game", "--kiosk") `
        -WorkingDirectory $GameDir -PassThru -Wait
    if ($game.ExitCode -eq $StaffExitStatus) {
        break
    }
    Start-Sleep -Seconds $DelaySeconds
}
