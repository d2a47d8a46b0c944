#!/usr/bin/env bash
# Loads demonstration data into a running local system (scripts/run.sh) through the admin API: Nanshan's
# marriage registry office (常兴路163号, from shared reference data) and a ceremony hall, with weekday
# schedules. Run it once after run.sh says the system is up; running it again adds another copy.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

API=${MZ_API:-http://localhost:${MZ_BACKEND_PORT:-8080}/api/v1}
password_file=.local/admin-password
[ -s "$password_file" ] || { echo "demo-data.sh: start the system with scripts/run.sh first" >&2; exit 1; }

post() { # path json -> response body; fails loudly on an error answer
  curl -fsS -X POST "$API$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$2"
}
id_of() { sed -n 's/.*"id" *: *\([0-9][0-9]*\).*/\1/p' | head -1; }

token=$(curl -fsS -X POST "$API/auth/staff/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$(cat "$password_file")\"}" | sed -n 's/.*"accessToken" *: *"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "demo-data.sh: admin sign-in failed" >&2; exit 1; }

today=$(TZ=Asia/Shanghai date +%F)
office=$(post /admin/service-points '{"kind":"OFFICE","name":"南山区婚姻登记处","streetCode":"NANSHAN",
  "address":"深圳市南山区常兴路163号","latitude":22.5329,"longitude":113.9305,"phone":"0755-26661013",
  "serviceTypes":["MARRIAGE","DIVORCE_APPLICATION","DIVORCE_CERTIFICATE","CERTIFICATE_REPLACEMENT"]}' | id_of)
hall=$(post /admin/service-points '{"kind":"HALL","name":"南山区婚姻登记处颁证大厅","streetCode":"NANSHAN",
  "address":"深圳市南山区常兴路163号","serviceTypes":["CEREMONY"]}' | id_of)

schedule() { # point type start end minutes capacity
  post "/admin/service-points/$1/schedules" "{\"serviceType\":\"$2\",\"workdaysOnly\":true,\"startsAt\":\"$3\",
    \"endsAt\":\"$4\",\"slotMinutes\":$5,\"capacity\":$6,\"validFrom\":\"$today\"}" >/dev/null
}
schedule "$office" MARRIAGE 09:00 12:00 30 8
schedule "$office" MARRIAGE 14:00 17:00 30 8
schedule "$office" DIVORCE_APPLICATION 09:00 12:00 60 3
schedule "$office" DIVORCE_CERTIFICATE 14:00 17:00 60 3
schedule "$office" CERTIFICATE_REPLACEMENT 09:00 12:00 60 4
schedule "$hall" CEREMONY 10:00 17:00 60 1

echo "demo-data.sh: marriage office $office and ceremony hall $hall with workday schedules for the booking horizon"
echo "  slots: GET $API/service-points/$office/slots?serviceType=MARRIAGE&from=$today&to=<a later day>"
