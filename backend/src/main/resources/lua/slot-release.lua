-- Gives units and parking places back to the gate and clears the people's markers.
-- KEYS[1] the slot's remaining units; KEYS[2] its remaining parking places; KEYS[3..] markers.
-- ARGV[1] units; ARGV[2] parking places.
-- A missing counter stays missing: it will be rebuilt from PostgreSQL, which already has the truth.
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('INCRBY', KEYS[1], ARGV[1])
end
if tonumber(ARGV[2]) ~= 0 and redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('INCRBY', KEYS[2], ARGV[2])
end
for i = 3, #KEYS do
  redis.call('DEL', KEYS[i])
end
return 'OK'
