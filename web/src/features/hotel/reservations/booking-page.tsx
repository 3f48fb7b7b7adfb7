// /hotel/reservations/new: the booking flow. Dates → room type → room →
// guest (existing or new) → confirm. The state and the booking itself are in
// use-booking.ts (sent with an Idempotency-Key bound to its body, so a double
// click or a retry after a lost answer books once); the steps are in
// booking-steps.tsx and booking-guest-step.tsx.
import { Anchor, Button, Group, Paper, Stepper } from '@mantine/core';
import { Link } from 'react-router-dom';
import { PageHeader } from '@/components/page-header';
import { GuestStep } from './booking-guest-step';
import { ConfirmStep, DatesStep, RoomStep, RoomTypeStep } from './booking-steps';
import { useBooking } from './use-booking';

export { stayErrors } from './use-booking';

export function BookingPage() {
  const b = useBooking();
  const { step, setStep, canGo, stayValid, nights, chosenType, chosenRoom, roomTypeId, guest } = b;
  return (
    <>
      <PageHeader
        title="New booking"
        description={
          <Anchor component={Link} to="/hotel/reservations" size="sm">
            Reservations
          </Anchor>
        }
      />
      <Paper p="lg" radius="md">
        <Stepper active={step} onStepClick={(s) => canGo(s) && setStep(s)} size="sm" allowNextStepsSelect={false} wrap>
          <Stepper.Step label="Dates" description={stayValid ? `${nights} night${nights === 1 ? '' : 's'}` : undefined}>
            <DatesStep b={b} />
          </Stepper.Step>
          <Stepper.Step label="Room type" description={chosenType ? chosenType.name : undefined}>
            <RoomTypeStep b={b} />
          </Stepper.Step>
          <Stepper.Step label="Room" description={roomTypeId ? (chosenRoom ? `Room ${chosenRoom.room_number}` : 'Any free room') : undefined}>
            <RoomStep b={b} />
          </Stepper.Step>
          <Stepper.Step label="Guest" description={guest ? `${guest.first_name} ${guest.last_name}` : undefined}>
            <GuestStep
              guest={guest}
              onChoose={(g) => {
                b.setGuest(g);
                setStep(4);
              }}
              onClear={() => b.setGuest(null)}
            />
          </Stepper.Step>
          <Stepper.Step label="Confirm">
            <ConfirmStep b={b} />
          </Stepper.Step>
        </Stepper>

        <Group justify="space-between" mt="xl">
          <Button variant="default" onClick={() => setStep(Math.max(0, step - 1))} disabled={step === 0}>
            Back
          </Button>
          {step < 3 && (
            <Button onClick={b.next} disabled={step > 0 && !canGo(step + 1)}>
              Next
            </Button>
          )}
          {step === 3 && guest && <Button onClick={() => setStep(4)}>Next</Button>}
          {step === 4 && (
            <Button color="teal" onClick={() => void b.onBook()} loading={b.booking} disabled={!guest || !chosenType}>
              Book stay
            </Button>
          )}
        </Group>
      </Paper>
    </>
  );
}
