-- The booking gate: reserves units of a slot and marks the people as booking, atomically.
-- KEYS[1] the slot's remaining units; KEYS[2..] one marker per person ("a booking of theirs is in flight")
-- ARGV[1] units; ARGV[2] marker time to live in seconds
-- Returns 'OK' | 'FULL' | 'ALREADY_BOOKED' | 'MISSING' (counter not loaded: rebuild it from PostgreSQL)
local remaining = redis.call('GET', KEYS[1])
if not remaining then
  return 'MISSING'
end
for i = 2, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    return 'ALREADY_BOOKED'
  end
end
local units = tonumber(ARGV[1])
if tonumber(remaining) < units then
  return 'FULL'
end
redis.call('DECRBY', KEYS[1], units)
for i = 2, #KEYS do
  redis.call('SET', KEYS[i], '1', 'EX', ARGV[2])
end
return 'OK'
