-- Gives units back to the gate and clears the people's markers.
-- KEYS[1] the slot's remaining units; KEYS[2..] markers. ARGV[1] units.
-- A missing counter stays missing: it will be rebuilt from PostgreSQL, which already has the truth.
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('INCRBY', KEYS[1], ARGV[1])
end
for i = 2, #KEYS do
  redis.call('DEL', KEYS[i])
end
return 'OK'
