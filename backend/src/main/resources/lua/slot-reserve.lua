-- The booking gate: reserves units (and parking places) of a slot and marks the people as booking, atomically.
-- KEYS[1] the slot's remaining units; KEYS[2] its remaining parking places;
-- KEYS[3..] one marker per person ("a booking of theirs is in flight")
-- ARGV[1] units; ARGV[2] parking places; ARGV[3] marker time to live in seconds
-- Returns 'OK' | 'FULL' | 'NO_PARKING' | 'ALREADY_BOOKED' | 'MISSING' (a counter not loaded: rebuild from PostgreSQL)
local units = tonumber(ARGV[1])
local parking = tonumber(ARGV[2])
local remaining = redis.call('GET', KEYS[1])
local places = redis.call('GET', KEYS[2])
if not remaining or (parking > 0 and not places) then
  return 'MISSING'
end
for i = 3, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    return 'ALREADY_BOOKED'
  end
end
if tonumber(remaining) < units then
  return 'FULL'
end
if parking > 0 and tonumber(places) < parking then
  return 'NO_PARKING'
end
redis.call('DECRBY', KEYS[1], units)
if parking > 0 then
  redis.call('DECRBY', KEYS[2], parking)
end
for i = 3, #KEYS do
  redis.call('SET', KEYS[i], '1', 'EX', ARGV[3])
end
return 'OK'
