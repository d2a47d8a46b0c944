#!/usr/bin/env bash
# Loads demonstration data into a running local system (scripts/run.sh) through the admin API: Nanshan's
# marriage registry office (常兴路163号, from shared reference data) and a ceremony hall, with weekday
# schedules; Nanshan's cemetery 西丽报恩福地 and a fictional second one, with gates and a demonstration
# peak season (the next days, hourly windows with people and parking); an elder-care centre and station
# (fictional) with a canteen's weekday lunches and menus and respite-care days; a counseling room (fictional) with
# a family counselor and a duty lawyer on weekday duty (their sign-in in .local/demo-counselors). Run it once
# after run.sh says the system is up; running it again adds another copy.
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


# Cemeteries: a site with its gates; the peak days open hourly windows at every gate (DESIGN.md §4)
cemetery() { # name address -> id
  post /admin/service-points "{\"kind\":\"CEMETERY\",\"name\":\"$1\",\"streetCode\":\"XILI\",\"address\":\"$2\",
    \"serviceTypes\":[\"PROXY_SWEEPING\"]}" | id_of
}
gate() { # cemetery name address
  post /admin/service-points "{\"kind\":\"CEMETERY_GATE\",\"name\":\"$2\",\"streetCode\":\"XILI\",\"address\":\"$3\",
    \"siteId\":$1,\"serviceTypes\":[\"TOMB_SWEEPING\"]}" >/dev/null
}
baoen=$(cemetery 西丽报恩福地 深圳市南山区西丽街道)
gate "$baoen" 西丽报恩福地东门 深圳市南山区西丽街道
gate "$baoen" 西丽报恩福地北门 深圳市南山区西丽街道
songling=$(cemetery 松岭纪念园（虚构示例） 深圳市南山区示例路1号)
gate "$songling" 松岭纪念园正门 深圳市南山区示例路1号
peak_from=$(TZ=Asia/Shanghai date -d '+2 days' +%F)
peak_to=$(TZ=Asia/Shanghai date -d '+4 days' +%F)
for site in "$baoen" "$songling"; do
  post "/admin/memorial/cemeteries/$site/peak-days" "{\"name\":\"演示祭扫高峰\",\"from\":\"$peak_from\",\"to\":\"$peak_to\",
    \"startsAt\":\"07:00\",\"endsAt\":\"17:00\",\"slotMinutes\":60,\"capacity\":200,\"parkingCapacity\":60,
    \"releaseDaysBefore\":7,\"releaseTime\":\"10:00\"}" >/dev/null
done

# Elder care: a street centre with a canteen and respite care, and a community station (fictional, in 南山街道)
centre=$(post /admin/service-points '{"kind":"ELDER_CARE_CENTRE","name":"南山街道长者服务中心（虚构示例）","streetCode":"NANSHAN",
  "address":"深圳市南山区示例街2号","latitude":22.5210,"longitude":113.9236,"openingHours":"周一至周五 08:30-17:30",
  "serviceTypes":["ELDERLY_MEAL","DAY_CARE","RESPITE_CARE"]}' | id_of)
station=$(post /admin/service-points '{"kind":"ELDER_CARE_STATION","name":"向南社区长者服务站（虚构示例）","streetCode":"NANSHAN",
  "address":"深圳市南山区示例路8号","latitude":22.5256,"longitude":113.9301,"openingHours":"周一至周六 09:00-17:00",
  "serviceTypes":["DAY_CARE"]}' | id_of)
schedule "$centre" ELDERLY_MEAL 11:30 12:30 60 40
schedule "$centre" RESPITE_CARE 09:00 17:00 480 5
published=0
for offset in 0 1 2 3 4 5 6 7; do # the workdays among the next eight days get a lunch menu (others are refused)
  day=$(TZ=Asia/Shanghai date -d "+$offset days" +%F)
  status=$(curl -sS -o /dev/null -w '%{http_code}' -X PUT "$API/staff/eldercare/canteens/$centre/menus/$day" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"dishes":["清蒸鲈鱼","番茄炒蛋","蒜蓉菜心","冬瓜汤"],"priceCny":18.00,"deliveryOffered":true,"deliveryFeeCny":3.00}')
  [ "$status" = 200 ] && published=$((published + 1))
done

# Counseling: a room, two counselors (staff with the COUNSELOR role) and their weekday duty in hour-long sessions
room=$(post /admin/service-points '{"kind":"COUNSELING_ROOM","name":"南山区婚姻家庭辅导室（虚构示例）","streetCode":"NANSHAN",
  "address":"深圳市南山区常兴路163号","latitude":22.5329,"longitude":113.9305,"openingHours":"周一至周五 09:00-17:00",
  "serviceTypes":[]}' | id_of)
suffix=$(date +%s)
(umask 077; : > .local/demo-counselors)
counselor() { # username name profession topics modes languages -> the counselor's duty point
  local pw staff
  pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  staff=$(post /admin/staff "{\"username\":\"$1-$suffix\",\"displayName\":\"$2\",\"password\":\"$pw\",
    \"scope\":{\"roles\":[\"COUNSELOR\"],\"servicePointIds\":[],\"streetCodes\":[]}}" | id_of)
  echo "$1-$suffix $pw" >> .local/demo-counselors
  post /admin/counseling/counselors "{\"staffId\":$staff,\"name\":\"$2\",\"profession\":\"$3\",\"topics\":$4,
    \"modes\":$5,\"languages\":$6,\"roomId\":$room}" | sed -n 's/.*"servicePointId" *: *\([0-9][0-9]*\).*/\1/p'
}
family=$(counselor counselor 林老师 FAMILY_COUNSELOR \
  '["MARRIAGE_PREPARATION","FAMILY_CONFLICT","DIVORCE","DOMESTIC_VIOLENCE","ELDERLY_SUPPORT"]' '["IN_PERSON","VIDEO","PHONE"]' \
  '["MANDARIN","CANTONESE"]')
lawyer=$(counselor lawyer 周律师 DUTY_LAWYER '["DIVORCE","CUSTODY","INHERITANCE","DOMESTIC_VIOLENCE","OTHER"]' \
  '["IN_PERSON","PHONE"]' '["MANDARIN","ENGLISH"]')
schedule "$family" COUNSELING 09:00 12:00 60 1
schedule "$lawyer" COUNSELING 14:00 17:00 60 1

echo "demo-data.sh: marriage office $office and ceremony hall $hall with workday schedules for the booking horizon"
echo "  cemeteries $baoen (西丽报恩福地) and $songling (fictional) with peak days $peak_from..$peak_to"
echo "  a peak day: GET $API/memorial/cemeteries/$baoen/days/$peak_from"
echo "  slots: GET $API/service-points/$office/slots?serviceType=MARRIAGE&from=$today&to=<a later day>"
echo "  elder care: centre $centre (canteen, $published lunch menus; respite care) and station $station"
echo "  nearest: GET $API/eldercare/service-points?lat=22.5243&lng=113.9268"
echo "  counseling: room $room with two counselors on weekday duty: GET $API/counseling/options?topic=DIVORCE"
echo "    (their staff sign-ins are in .local/demo-counselors)"
